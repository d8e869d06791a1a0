import { ProgrammePanel } from './ProgrammePanel';
import { useMediaSession } from './useMediaSession';

/** The programme at a site; the media session lives only while this is shown. Loaded lazily with mediasoup-client. */
export default function SiteMedia({ conferenceId, siteId, siteNames }: { conferenceId: string; siteId: string; siteNames: Map<string, string> }) {
  const media = useMediaSession(conferenceId, siteId);
  return <ProgrammePanel media={media} siteNames={siteNames} siteId={siteId} />;
}
