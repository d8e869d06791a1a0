import type { ConferenceStatus } from '@hoinghi/contracts';
import { allowedActions, CONFERENCE_ACTION_REASON, type ConferenceAction } from '@hoinghi/domain';
import type { ConfirmRequest } from '../../components/ConfirmDialog';
import { useT } from '../../i18n/I18nContext';

const CLOSING: ConferenceAction[] = ['end', 'cancel'];

interface Props {
  status: ConferenceStatus;
  busy: boolean;
  /** The chair's action with the status the chair saw, and its reason when it takes one. */
  onAction(action: ConferenceAction, reason?: string): void;
  confirm(request: ConfirmRequest): void;
}

/**
 * Only the status changes possible from the current status. Ending, cancelling and adjourning ask first
 * (cancelling for a reason, adjourning may give one); the others act at once.
 */
export function ConferenceActions({ status, busy, onAction, confirm }: Props) {
  const t = useT();
  const press = (action: ConferenceAction) => {
    const question = t.confirm.conference[action];
    if (!question) return onAction(action);
    confirm({
      question, confirmLabel: t.actions[action], danger: CLOSING.includes(action), reason: CONFERENCE_ACTION_REASON[action],
      onConfirm: (reason) => onAction(action, reason),
    });
  };
  return (
    <div className="button-row">
      {allowedActions(status).map((action) => (
        <button
          key={action}
          type="button"
          className={`button ${CLOSING.includes(action) ? 'button--danger' : 'button--primary'}`}
          data-testid={`action-${action}`}
          disabled={busy}
          title={busy ? t.console.busyHint : undefined}
          onClick={() => press(action)}
        >
          {t.actions[action]}
        </button>
      ))}
    </div>
  );
}
