import type { SiteView } from '@hoinghi/contracts';
import { ProgrammePanel } from './ProgrammePanel';
import { useMediaSession } from './useMediaSession';

/** The programme at a site; the media session lives only while this is shown. Loaded lazily with mediasoup-client. */
export default function SiteMedia({ conferenceId, siteId, sites }: { conferenceId: string; siteId: string; sites: SiteView[] }) {
  const media = useMediaSession(conferenceId, siteId);
  return <ProgrammePanel media={media} sites={sites} siteId={siteId} />;
}
