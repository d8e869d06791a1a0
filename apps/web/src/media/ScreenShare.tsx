import { useEffect, useRef } from 'react';
import { useT } from '../i18n/I18nContext';
import type { MediaControls } from './useMediaSession';

/** The shared screen, large, at every site but the sharing one; says who shares. */
export function SharedScreen({ media, siteNames }: { media: MediaControls; siteNames: Map<string, string> }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const { screenTrack, programme } = media.state;
  useEffect(() => {
    if (video.current) video.current.srcObject = screenTrack ? new MediaStream([screenTrack]) : null;
  }, [screenTrack]);
  const share = programme?.screen;
  if (!share || !screenTrack) return null;
  return (
    <figure className="shared-screen" data-testid="shared-screen" data-site-id={share.siteId}>
      <div className="video-tile video-tile--screen">
        <video ref={video} autoPlay playsInline muted data-testid="shared-screen-video" />
      </div>
      <figcaption>{t.media.sharedBy(siteNames.get(share.siteId) ?? share.userName)}</figcaption>
    </figure>
  );
}

/**
 * "Share screen" / "Stop sharing" for a connection whose site may share (the main hall; the floor holder
 * while the chair allows it); disabled, saying why, while another site shares or sharing is not allowed.
 */
export function ShareButton({ media, allowed, siteNames }: { media: MediaControls; allowed: boolean; siteNames: Map<string, string> }) {
  const t = useT();
  const { status, sharing, programme } = media.state;
  if (status !== 'joined') return null;
  if (sharing) {
    return (
      <span className="share-control">
        <span className="share-badge" data-testid="sharing-badge">{t.media.youShare}</span>
        <button type="button" className="button" data-testid="share-stop" onClick={media.stopScreen}>{t.media.stopShare}</button>
      </span>
    );
  }
  const other = programme?.screen;
  const why = !allowed ? t.media.shareNotAllowed : other ? t.media.sharedBy(siteNames.get(other.siteId) ?? other.userName) : null;
  return (
    <span className="share-control">
      <button type="button" className="button" data-testid="share-start" disabled={why !== null} title={why ?? undefined} onClick={media.shareScreen}>
        {t.media.shareScreen}
      </button>
      {why && allowed && <span className="share-control__why">{why}</span>}
    </span>
  );
}
