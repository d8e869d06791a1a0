import type { ConferenceStatus } from '@hoinghi/contracts';
import { allowedActions, type ConferenceAction } from '@hoinghi/domain';
import { useT } from '../../i18n/I18nContext';

const CLOSING: ConferenceAction[] = ['end', 'cancel'];

interface Props {
  status: ConferenceStatus;
  busy: boolean;
  onAction(action: ConferenceAction): void;
}

/** Only the status changes possible from the current status (schedule, start, adjourn, resume, end, cancel). */
export function ConferenceActions({ status, busy, onAction }: Props) {
  const t = useT();
  return (
    <div className="button-row">
      {allowedActions(status).map((action) => (
        <button
          key={action}
          type="button"
          className={`button ${CLOSING.includes(action) ? 'button--danger' : 'button--primary'}`}
          data-testid={`action-${action}`}
          disabled={busy}
          onClick={() => onAction(action)}
        >
          {t.actions[action]}
        </button>
      ))}
    </div>
  );
}
