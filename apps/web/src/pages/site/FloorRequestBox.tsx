import type { FloorState } from '@hoinghi/contracts';
import { useT } from '../../i18n/I18nContext';

interface Props {
  floor: FloorState;
  siteId: string;
  live: boolean;
  busy: boolean;
  onRequest(): void;
  onWithdraw(requestId: string): void;
}

/** The site's own place in the floor queue: ask, see the position, withdraw. */
export function FloorRequestBox({ floor, siteId, live, busy, onRequest, onWithdraw }: Props) {
  const t = useT();
  if (floor.holder?.siteId === siteId) {
    return <p className="floor-request floor-request--speaking">{t.site.speakingNow}</p>;
  }
  // The queue a site receives holds its own requests, each with its place in the whole queue.
  const request = floor.queue.find((r) => r.siteId === siteId);
  if (request) {
    const place = request.place ?? 0;
    return (
      <div className="floor-request">
        <span data-testid="floor-queue-position" data-position={place}>
          {t.site.queuePosition(place)}
        </span>
        <button type="button" className="button" data-testid="floor-withdraw" disabled={busy} onClick={() => onWithdraw(request.id)}>
          {t.site.withdraw}
        </button>
      </div>
    );
  }
  return (
    <div className="floor-request">
      <button
        type="button"
        className="button button--primary button--large"
        data-testid="request-floor"
        disabled={busy || !live}
        title={busy ? t.console.busyHint : !live ? t.console.notLiveHint : undefined}
        aria-describedby={!live ? 'floor-not-live' : undefined}
        onClick={onRequest}
      >
        ✋ {t.site.requestFloor}
      </button>
      {!live && <span className="hint" id="floor-not-live">{t.console.notLiveHint}</span>}
    </div>
  );
}
