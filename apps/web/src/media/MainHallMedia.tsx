import type { SiteView } from '@hoinghi/contracts';
import { SiteGrid } from './SiteGrid';
import { useMediaSession } from './useMediaSession';

/** The main hall's media: it publishes the hall and watches every site. Loaded lazily with mediasoup-client. */
export default function MainHallMedia({ conferenceId, sites, mainSiteId, floorSiteId }: {
  conferenceId: string;
  sites: SiteView[];
  mainSiteId: string;
  floorSiteId: string | null;
}) {
  const media = useMediaSession(conferenceId, mainSiteId);
  return <SiteGrid media={media} sites={sites} mainSiteId={mainSiteId} floorSiteId={floorSiteId} canRecord />;
}
