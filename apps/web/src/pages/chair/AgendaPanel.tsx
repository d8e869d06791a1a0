import type { AgendaItemView } from '@hoinghi/contracts';
import { formatTime } from '../../i18n/format';
import { useT } from '../../i18n/I18nContext';

type ItemChange = 'start' | 'complete' | 'skip';

interface Props {
  agenda: AgendaItemView[];
  /** Only the chairs see the controls; the server accepts agenda moves only while the conference is live. */
  canControl: boolean;
  live: boolean;
  busy: boolean;
  onNext(): void;
  onChange(itemId: string, change: ItemChange): void;
}

export function AgendaPanel({ agenda, canControl, live, busy, onNext, onChange }: Props) {
  const t = useT();
  const items = [...agenda].sort((a, b) => a.position - b.position);
  const hasPending = items.some((item) => item.state === 'pending' || item.state === 'active');
  return (
    <section className="panel">
      <header className="panel__header">
        <h2>{t.console.agenda}</h2>
        {canControl && (
          <button type="button" className="button button--primary" data-testid="agenda-next" disabled={busy || !live || !hasPending} onClick={onNext}>
            {t.console.next} →
          </button>
        )}
      </header>
      {items.length === 0 && <p className="empty">{t.console.agendaEmpty}</p>}
      <ol className="agenda">
        {items.map((item) => (
          <AgendaItemRow key={item.id} item={item} canControl={canControl} disabled={busy || !live} onChange={(change) => onChange(item.id, change)} />
        ))}
      </ol>
    </section>
  );
}

interface RowProps {
  item: AgendaItemView;
  canControl: boolean;
  disabled: boolean;
  onChange(change: ItemChange): void;
}

function AgendaItemRow({ item, canControl, disabled, onChange }: RowProps) {
  const t = useT();
  const button = (change: ItemChange, label: string, variant = '') => (
    <button type="button" className={`button button--small ${variant}`} data-testid={`agenda-${change}`} disabled={disabled} onClick={() => onChange(change)}>
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
        </span>
      </div>
      {canControl && (
        <div className="agenda-item__buttons">
          {item.state === 'pending' && button('start', t.console.start)}
          {item.state === 'active' && button('complete', t.console.complete, 'button--primary')}
          {(item.state === 'pending' || item.state === 'active') && button('skip', t.console.skip)}
        </div>
      )}
    </li>
  );
}
