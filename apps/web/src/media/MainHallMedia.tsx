import type { RecordingState, SiteView } from '@hoinghi/contracts';
import { useEffect } from 'react';
import { SiteGrid, type ChairMediaControls } from './SiteGrid';
import { useMediaSession } from './useMediaSession';

/**
 * The chair's console: a receive-only connection of the main site that watches every site (the hall's
 * camera is the operator's, on the site page; the chair may take it over), with the chair's audio and
 * sharing controls. Loaded lazily with mediasoup-client.
 */
export default function MainHallMedia({ conferenceId, sites, mainSiteId, floorSiteId, controls, onRecording }: {
  conferenceId: string;
  sites: SiteView[];
  mainSiteId: string;
  floorSiteId: string | null;
  controls: ChairMediaControls;
  /** Recording started, moved to a new file or stopped (the console's list of recordings reloads). */
  onRecording(recording: RecordingState | null): void;
}) {
  const media = useMediaSession(conferenceId, mainSiteId, 'viewer', 'every-site');
  const { recording } = media.state;
  useEffect(() => onRecording(recording), [recording, onRecording]);
  return <SiteGrid media={media} sites={sites} mainSiteId={mainSiteId} floorSiteId={floorSiteId} canRecord controls={controls} />;
}
