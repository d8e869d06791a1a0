import { useT } from '../i18n/I18nContext';
import { PublisherLine } from './PublisherLine';
import type { MediaControls } from './useMediaSession';

/** Join / leave, and where the connection stands. */
export function MediaStatusLine({ media }: { media: MediaControls }) {
  const t = useT();
  const { status, error } = media.state;
  const label = {
    idle: '', joining: t.media.joining, joined: t.media.joined, reconnecting: t.media.reconnecting, failed: t.media.failed, ended: t.media.ended,
  }[status];
  return (
    <div className="media-status">
      {status === 'ended' ? null : status === 'idle' || status === 'failed' ? (
        <button type="button" className="button button--primary" data-testid="media-join" onClick={media.join}>
          {t.media.join}
        </button>
      ) : (
        <button type="button" className="button" data-testid="media-leave" onClick={media.leave}>
          {t.media.leave}
        </button>
      )}
      <span className={`media-status__state media-status__state--${status}`} data-testid="media-status" data-state={status}>
        {label}
        {error && status !== 'ended' && ` — ${(error.error && t.errors.byCode[error.error]) || error.message}`}
      </span>
      <PublisherLine media={media} />
    </div>
  );
}
