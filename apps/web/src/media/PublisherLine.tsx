import { formatTime } from '../i18n/format';
import { useT } from '../i18n/I18nContext';
import type { MediaControls } from './useMediaSession';

/**
 * Who sends this site's camera and microphone: this device, another one (named, since when), or none;
 * a receive-only device may take the camera over, after a confirmation when someone holds it.
 */
export function PublisherLine({ media }: { media: MediaControls }) {
  const t = useT();
  const { status, role, publisher } = media.state;
  if (status !== 'joined' || role === null) return null;
  if (role === 'publisher') return <span className="media-status__publisher" data-testid="media-publisher" data-role="publisher">{t.media.publishing}</span>;
  const takeOver = () => {
    if (publisher && !window.confirm(t.media.takeOverConfirm(publisher.userName))) return;
    void media.takeOver();
  };
  return (
    <span className="media-status__publisher" data-testid="media-publisher" data-role="viewer">
      {publisher ? t.media.publisherIs(publisher.userName, formatTime(publisher.since, t.locale)) : t.media.noPublisher}{' '}
      <button type="button" className="button" data-testid="media-take-over" onClick={takeOver}>
        {publisher ? t.media.takeOver : t.media.startPublishing}
      </button>
    </span>
  );
}
