import { REASON_MAX_LENGTH, type ReasonRule } from '@hoinghi/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useT } from '../i18n/I18nContext';
import { CharCount } from './CharCount';

export interface ConfirmRequest {
  /** What will happen, as a question. */
  question: string;
  confirmLabel: string;
  danger?: boolean;
  /** Whether the action takes a reason (the minutes need one for cancel, skip, reopen). */
  reason: ReasonRule;
  onConfirm(reason: string | undefined): void;
}

/**
 * Asks before a destructive action, and for its reason when the minutes need one: checked before sending
 * (required, at most REASON_MAX_LENGTH characters, with a counter). Escape or "go back" closes it.
 */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose(): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const first = useRef<HTMLTextAreaElement & HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const missing = request.reason === 'required' && !reason.trim();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (missing) return;
    onClose();
    request.onConfirm(request.reason === 'none' ? undefined : reason.trim() || undefined);
  };

  return (
    <div className="dialog-backdrop" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-question" data-testid="confirm-dialog" onSubmit={submit}>
        <p id="confirm-question" className="dialog__question">{request.question}</p>
        {request.reason !== 'none' && (
          <label className="dialog__reason">
            {request.reason === 'required' ? t.confirm.reasonRequired : t.confirm.reasonOptional}
            <textarea
              ref={first}
              data-testid="confirm-reason"
              value={reason}
              maxLength={REASON_MAX_LENGTH}
              required={request.reason === 'required'}
              aria-invalid={missing}
              onChange={(event) => setReason(event.target.value)}
            />
            <CharCount used={reason.length} max={REASON_MAX_LENGTH} />
          </label>
        )}
        {missing && <p className="dialog__hint" id="confirm-hint">{t.confirm.reasonMissing}</p>}
        <div className="dialog__buttons">
          <button type="button" className="button" data-testid="confirm-no" ref={request.reason === 'none' ? first : undefined} onClick={onClose}>
            {t.confirm.no}
          </button>
          <button
            type="submit"
            className={`button ${request.danger ? 'button--danger-solid' : 'button--primary'}`}
            data-testid="confirm-yes"
            disabled={missing}
            title={missing ? t.confirm.reasonMissing : undefined}
            aria-describedby={missing ? 'confirm-hint' : undefined}
          >
            {request.confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}

/** One dialog at a time for a page: `ask(request)` opens it, `dialog` is what to render. */
export function useConfirm() {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  return {
    ask: setRequest,
    dialog: request ? <ConfirmDialog request={request} onClose={() => setRequest(null)} /> : null,
  };
}
