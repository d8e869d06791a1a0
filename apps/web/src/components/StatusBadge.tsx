import type { ConferenceStatus } from '@hoinghi/contracts';
import { useT } from '../i18n/I18nContext';

export function StatusBadge({ status, testId }: { status: ConferenceStatus; testId?: string }) {
  const t = useT();
  return (
    <span className={`badge badge--${status}`} data-testid={testId} data-status={status}>
      {t.conferenceStatus[status]}
    </span>
  );
}
