import type { FloorRequestView, FloorState } from '@hoinghi/contracts';
import { FloorHolder } from '../../components/FloorHolder';
import { FloorTopic } from '../../components/FloorTopic';
import { formatTime } from '../../i18n/format';
import { useT } from '../../i18n/I18nContext';

export interface FloorControls {
  grant(requestId: string): void;
  move(requestId: string, position: number): void;
  withdraw(requestId: string): void;
  end(): void;
  setLimit(requestId: string, limitSeconds: number | null): void;
}

/** The limits a chair picks from (minutes); the API takes any 30 s … 1 h. */
const LIMIT_MINUTES = [1, 2, 3, 5, 7, 10, 15];

interface Props {
  floor: FloorState;
  canControl: boolean;
  live: boolean;
  busy: boolean;
  controls: FloorControls;
}

/** The speaker with their time, and the queue in the order the chair will give the floor. */
export function FloorPanel({ floor, canControl, live, busy, controls }: Props) {
  const t = useT();
  return (
    <section className="panel">
      <header className="panel__header">
        <h2>{t.console.floor}</h2>
      </header>
      <div className="floor-current">
        <FloorHolder holder={floor.holder} />
        {canControl && floor.holder && (
          <LimitPicker requestId={floor.holder.id} limitSeconds={floor.holder.limitSeconds} busy={busy} onChange={controls.setLimit} />
        )}
        {canControl && (
          <button type="button" className="button button--danger" data-testid="floor-end" disabled={busy || !floor.holder} title={floor.holder ? undefined : t.floorHolder.none} onClick={controls.end}>
            {t.console.endFloor}
          </button>
        )}
      </div>
      <h3>{t.console.queue}</h3>
      {floor.queue.length === 0 && <p className="empty">{t.console.queueEmpty}</p>}
      <ol className="floor-queue">
        {floor.queue.map((request, index) => (
          <QueueItem
            key={request.id}
            request={request}
            position={index + 1}
            isLast={index === floor.queue.length - 1}
            site={request.siteName}
            canControl={canControl}
            canGrant={live}
            busy={busy}
            controls={controls}
          />
        ))}
      </ol>
    </section>
  );
}

interface QueueItemProps {
  request: FloorRequestView;
  position: number; // 1-based, as the server's position endpoint counts
  isLast: boolean;
  site: string;
  canControl: boolean;
  canGrant: boolean;
  busy: boolean;
  controls: FloorControls;
}

function QueueItem({ request, position, isLast, site, canControl, canGrant, busy, controls }: QueueItemProps) {
  const t = useT();
  return (
    <li className="floor-queue__item" data-testid="floor-queue-item" data-id={request.id}>
      <div className="floor-queue__who">
        <strong>
          {position}. {site}
        </strong>
        {request.participantId && <span>{request.speakerName}</span>}
        <FloorTopic request={request} />
        <span className="floor-queue__time">{formatTime(request.requestedAt, t.locale)}</span>
      </div>
      {canControl && (
        <div className="button-row">
          <LimitPicker requestId={request.id} limitSeconds={request.limitSeconds} busy={busy} onChange={controls.setLimit} />
          <button type="button" className="button button--small button--primary" data-testid="floor-grant" disabled={busy || !canGrant} onClick={() => controls.grant(request.id)}>
            {t.console.grant}
          </button>
          <button type="button" className="button button--small" aria-label={t.console.moveUp} disabled={busy || position === 1} onClick={() => controls.move(request.id, position - 1)}>
            ↑
          </button>
          <button type="button" className="button button--small" aria-label={t.console.moveDown} disabled={busy || isLast} onClick={() => controls.move(request.id, position + 1)}>
            ↓
          </button>
          <button type="button" className="button button--small" disabled={busy} onClick={() => controls.withdraw(request.id)}>
            {t.console.withdraw}
          </button>
        </div>
      )}
    </li>
  );
}

function LimitPicker({ requestId, limitSeconds, busy, onChange }: {
  requestId: string; limitSeconds: number | null; busy: boolean; onChange(requestId: string, limitSeconds: number | null): void;
}) {
  const t = useT();
  const choices = [...new Set([...LIMIT_MINUTES.map((m) => m * 60), ...(limitSeconds ? [limitSeconds] : [])])].sort((a, b) => a - b);
  return (
    <label className="limit-picker">
      <select
        data-testid="floor-limit"
        aria-label={t.speakers.limit}
        value={limitSeconds ?? ''}
        disabled={busy}
        onChange={(e) => onChange(requestId, e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">{t.speakers.noLimit}</option>
        {choices.map((seconds) => (
          <option key={seconds} value={seconds}>{seconds % 60 ? `${seconds} s` : t.speakers.minutes(seconds / 60)}</option>
        ))}
      </select>
    </label>
  );
}
