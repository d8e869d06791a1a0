import type { MediaControlsView } from '@hoinghi/contracts';
import { ProgrammePanel } from './ProgrammePanel';
import { useMediaSession } from './useMediaSession';

/**
 * The programme at a site, sent from the site's camera and microphone (its operator's device; the main
 * hall's operator too). The media session lives only while this is shown. Loaded lazily with mediasoup-client.
 */
export default function SiteMedia({ conferenceId, siteId, siteNames, mediaControls }: {
  conferenceId: string;
  siteId: string;
  siteNames: Map<string, string>;
  mediaControls: MediaControlsView;
}) {
  const media = useMediaSession(conferenceId, siteId, 'publisher', 'programme');
  return <ProgrammePanel media={media} siteNames={siteNames} siteId={siteId} mediaControls={mediaControls} />;
}
