import type { FloorRequestView } from '@hoinghi/contracts';
import { formatClock, speakingClock } from '@hoinghi/domain';
import { useT } from '../i18n/I18nContext';
import { useNow } from '../hooks/useNow';
import { FloorTopic } from './FloorTopic';

/**
 * Who has the floor (site, and delegate when one was named), about what, with the time spoken so far —
 * or, when the chair set a limit, the time left counting down (at every site), turning red once over.
 */
export function FloorHolder({ holder }: { holder: FloorRequestView | null }) {
  const t = useT();
  const now = useNow(holder !== null);
  const clock = holder ? speakingClock(holder, new Date(now)) : null;
  return (
    <div
      className={`floor-holder${holder ? ' floor-holder--speaking' : ''}${clock?.overrun ? ' floor-holder--overrun' : ''}`}
      data-testid="floor-holder"
      data-request-id={holder?.id ?? ''}
    >
      <span className="floor-holder__label">{t.floorHolder.label}</span>
      {holder && clock ? (
        <>
          <strong className="floor-holder__site">{holder.siteName}</strong>
          {holder.participantId && <span className="floor-holder__speaker">{holder.speakerName}</span>}
          <FloorTopic request={holder} />
          {clock.leftSeconds === null ? (
            <span className="floor-holder__elapsed" title={t.floorHolder.elapsed}>
              {formatClock(clock.spokenSeconds)}
            </span>
          ) : (
            <span
              className="floor-holder__countdown"
              role="timer"
              data-testid="floor-countdown"
              data-limit={holder.limitSeconds ?? ''}
              title={t.floorHolder.limit(formatClock(holder.limitSeconds ?? 0))}
            >
              {clock.overrun ? t.floorHolder.over : t.floorHolder.left} {formatClock(clock.leftSeconds)}
            </span>
          )}
        </>
      ) : (
        <span className="floor-holder__none">{t.floorHolder.none}</span>
      )}
    </div>
  );
}
