import { useEffect, useRef } from 'react';
import type { SiteTracks } from './media-session';

/** One site's picture (and sound, unless muted); shows `placeholder` until video arrives. */
export function VideoTile({ tracks, muted = false, placeholder, testId, siteId }: {
  tracks: SiteTracks | undefined;
  muted?: boolean;
  placeholder: string;
  testId: string;
  siteId: string | null;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    if (video.current) video.current.srcObject = tracks?.video ? new MediaStream([tracks.video]) : null;
  }, [tracks?.video]);
  useEffect(() => {
    if (audio.current) audio.current.srcObject = tracks?.audio && !muted ? new MediaStream([tracks.audio]) : null;
  }, [tracks?.audio, muted]);

  return (
    <div className="video-tile" data-testid={testId} data-site-id={siteId ?? ''} data-has-video={tracks?.video ? 'true' : 'false'}>
      <video ref={video} autoPlay playsInline muted />
      <audio ref={audio} autoPlay />
      {!tracks?.video && <span className="video-tile__placeholder">{placeholder}</span>}
    </div>
  );
}
