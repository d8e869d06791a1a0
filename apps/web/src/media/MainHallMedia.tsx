import type { SiteView } from '@hoinghi/contracts';
import { SiteGrid } from './SiteGrid';
import { useMediaSession } from './useMediaSession';

/**
 * The chair's console: a receive-only connection of the main site that watches every site (the hall's
 * camera is the operator's, on the site page; the chair may take it over). Loaded lazily with mediasoup-client.
 */
export default function MainHallMedia({ conferenceId, sites, mainSiteId, floorSiteId }: {
  conferenceId: string;
  sites: SiteView[];
  mainSiteId: string;
  floorSiteId: string | null;
}) {
  const media = useMediaSession(conferenceId, mainSiteId, 'viewer');
  return <SiteGrid media={media} sites={sites} mainSiteId={mainSiteId} floorSiteId={floorSiteId} canRecord />;
}
