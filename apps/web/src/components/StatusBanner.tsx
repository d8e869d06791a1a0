import type { ConferenceView } from '@hoinghi/contracts';
import { useT } from '../i18n/I18nContext';

/**
 * A pause, a cancellation or the end, said across the screen at every site (not a small badge), with the
 * chair's reason when there is one.
 */
export function StatusBanner({ conference }: { conference: ConferenceView }) {
  const t = useT();
  const { status, statusReason } = conference;
  if (status !== 'adjourned' && status !== 'cancelled' && status !== 'ended') return null;
  return (
    <div className={`status-banner status-banner--${status}`} role="alert" data-testid="status-banner" data-status={status}>
      <strong className="status-banner__title">{status === 'adjourned' ? '⏸ ' : ''}{t.banner[status]}</strong>
      {statusReason && <span className="status-banner__reason">{t.banner.reason(statusReason)}</span>}
      {status === 'adjourned' && <span className="status-banner__hint">{t.banner.waitResume}</span>}
    </div>
  );
}
