import { useEffect, useRef } from 'react';
import type { SiteTracks } from './media-session';

/**
 * One site's picture (and sound, unless muted); shows `placeholder` until video arrives. `standby`: a warm
 * next speaker, attached but not shown (nor heard), so that when it gets the floor this same player,
 * already receiving, is shown at once. `onShownHeight`: told the player's height in device pixels
 * whenever it changes (the main hall's wall asks for the layer that fits).
 */
export function VideoTile({ tracks, muted = false, placeholder, testId, siteId, standby = false, onShownHeight }: {
  tracks: SiteTracks | undefined;
  muted?: boolean;
  placeholder: string;
  testId: string;
  siteId: string | null;
  standby?: boolean;
  onShownHeight?: (pixels: number) => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);

  const shown = useRef(onShownHeight);
  shown.current = onShownHeight; // the latest callback, without observing anew on every render
  const observesHeight = onShownHeight !== undefined;
  useEffect(() => {
    const element = video.current;
    if (!element || !observesHeight) return;
    const observer = new ResizeObserver(([entry]) => shown.current?.(Math.round(entry.contentRect.height * window.devicePixelRatio)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [observesHeight]);

  useEffect(() => {
    if (video.current) video.current.srcObject = tracks?.video ? new MediaStream([tracks.video]) : null;
  }, [tracks?.video]);
  useEffect(() => {
    if (audio.current) audio.current.srcObject = tracks?.audio && !muted && !standby ? new MediaStream([tracks.audio]) : null;
  }, [tracks?.audio, muted, standby]);

  return (
    <div className={standby ? 'video-tile video-tile--standby' : 'video-tile'} data-testid={testId} data-site-id={siteId ?? ''} data-has-video={tracks?.video ? 'true' : 'false'}>
      <video ref={video} autoPlay playsInline muted />
      <audio ref={audio} autoPlay />
      {!tracks?.video && <span className="video-tile__placeholder">{placeholder}</span>}
    </div>
  );
}
