import { useEffect, useRef } from 'react';
import { useT } from '../i18n/I18nContext';
import type { MediaControls } from './useMediaSession';

/**
 * The site's own camera, with microphone and camera switches: on the device that sends them only. While
 * the chair's mute holds (`micLocked`), the microphone cannot be switched on, and says why.
 */
export function LocalPreview({ media, micLocked = false }: { media: MediaControls; micLocked?: boolean }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const { local, micOn, cameraOn, role } = media.state;
  useEffect(() => {
    if (video.current) video.current.srcObject = local;
  }, [local]);
  if (role === 'viewer') return null;
  return (
    <div className="local-preview" data-testid="local-preview">
      <span className="local-preview__label">{t.media.myCamera}</span>
      <video ref={video} autoPlay playsInline muted />
      <div className="local-preview__controls">
        {micLocked ? (
          <button type="button" className="button" data-testid="media-mic" data-locked="true" disabled title={t.media.mutedByChair}>
            {t.media.muted}
          </button>
        ) : (
          <button type="button" className="button" data-testid="media-mic" aria-pressed={micOn} onClick={() => media.setMic(!micOn)}>
            {micOn ? t.media.micOn : t.media.micOff}
          </button>
        )}
        <button type="button" className="button" data-testid="media-camera" aria-pressed={cameraOn} onClick={() => media.setCamera(!cameraOn)}>
          {cameraOn ? t.media.cameraOn : t.media.cameraOff}
        </button>
      </div>
    </div>
  );
}
