import type { AgendaItemView } from '@hoinghi/contracts';
import { AGENDA_TRANSITION_REASON, type AgendaTransition } from '@hoinghi/domain';
import type { ConfirmRequest } from '../../components/ConfirmDialog';
import { formatTime } from '../../i18n/format';
import { AgendaTime } from '../../components/AgendaTime';
import { useT } from '../../i18n/I18nContext';

/** Transitions that change what the minutes record: asked before they act. */
const ASKED: Partial<Record<AgendaTransition, 'complete' | 'skip' | 'reopen'>> = { complete: 'complete', skip: 'skip', reopen: 'reopen' };

interface Props {
  agenda: AgendaItemView[];
  /** Only the chairs see the controls; the server accepts agenda moves only while the conference is live. */
  canControl: boolean;
  live: boolean;
  busy: boolean;
  onNext(): void;
  onChange(itemId: string, change: AgendaTransition, reason?: string): void;
  confirm(request: ConfirmRequest): void;
}

export function AgendaPanel({ agenda, canControl, live, busy, onNext, onChange, confirm }: Props) {
  const t = useT();
  const items = [...agenda].sort((a, b) => a.position - b.position);
  const hasPending = items.some((item) => item.state === 'pending' || item.state === 'active');
  // A disabled control says why (a title, read on hover and by screen readers).
  const why = busy ? t.console.busyHint : !live ? t.console.notLiveHint : undefined;
  const change = (item: AgendaItemView, transition: AgendaTransition, label: string) => {
    const asked = ASKED[transition];
    if (!asked) return onChange(item.id, transition);
    confirm({
      question: t.confirm.agenda[asked](item.title), confirmLabel: label, danger: transition === 'skip', reason: AGENDA_TRANSITION_REASON[transition],
      onConfirm: (reason) => onChange(item.id, transition, reason),
    });
  };
  return (
    <section className="panel panel--agenda">
      <header className="panel__header">
        <h2>{t.console.agenda}</h2>
        {canControl && (
          <button
            type="button"
            className="button button--primary"
            data-testid="agenda-next"
            disabled={busy || !live || !hasPending}
            title={why ?? (hasPending ? undefined : t.console.nothingPendingHint)}
            onClick={onNext}
          >
            {t.console.next} →
          </button>
        )}
      </header>
      {items.length === 0 && <p className="empty">{t.console.agendaEmpty}</p>}
      <ol className="agenda">
        {items.map((item) => (
          <AgendaItemRow key={item.id} item={item} canControl={canControl} disabledWhy={why} onChange={(transition, label) => change(item, transition, label)} />
        ))}
      </ol>
    </section>
  );
}

interface RowProps {
  item: AgendaItemView;
  canControl: boolean;
  /** Why the controls are disabled; undefined when they are not. */
  disabledWhy: string | undefined;
  onChange(change: AgendaTransition, label: string): void;
}

function AgendaItemRow({ item, canControl, disabledWhy, onChange }: RowProps) {
  const t = useT();
  const button = (change: AgendaTransition, label: string, variant = '') => (
    <button
      type="button"
      className={`button button--small ${variant}`}
      data-testid={`agenda-${change}`}
      disabled={disabledWhy !== undefined}
      title={disabledWhy}
      onClick={() => onChange(change, label)}
    >
      {label}
    </button>
  );
  return (
    <li className={`agenda-item agenda-item--${item.state}`} data-testid="agenda-item" data-state={item.state} data-id={item.id}>
      <div className="agenda-item__main">
        <span className="agenda-item__title">{item.title}</span>
        <span className="agenda-item__meta">
          {t.agendaKind[item.kind]}
          {item.presenter && ` · ${t.console.presenter}: ${item.presenter}`} · {t.console.minutes(item.plannedMinutes)}
        </span>
        <span className="agenda-item__meta">
          <span className="agenda-item__state">{t.agendaState[item.state]}</span>
          {item.startedAt && ` · ${t.console.startedAt} ${formatTime(item.startedAt, t.locale)}`}
          {item.endedAt && ` · ${t.console.endedAt} ${formatTime(item.endedAt, t.locale)}`}
          {item.startedAt && <> · <AgendaTime item={item} /></>}
        </span>
        {item.stateReason && (
          <span className="agenda-item__meta agenda-item__reason" data-testid="agenda-reason">
            {t.console.reason}: {item.stateReason}
          </span>
        )}
      </div>
      {canControl && (
        <div className="agenda-item__buttons">
          {item.state === 'pending' && button('start', t.console.start)}
          {item.state === 'active' && button('complete', t.console.complete, 'button--primary')}
          {(item.state === 'pending' || item.state === 'active') && button('skip', t.console.skip)}
          {(item.state === 'done' || item.state === 'skipped') && button('reopen', t.console.reopen)}
        </div>
      )}
    </li>
  );
}
