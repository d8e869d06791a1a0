import type { FloorRequestView } from '@hoinghi/contracts';
import { formatDuration } from '../i18n/format';
import { useT } from '../i18n/I18nContext';
import { useNow } from '../hooks/useNow';

/** Who has the floor (site, and delegate when one was named) with the time spoken so far. */
export function FloorHolder({ holder }: { holder: FloorRequestView | null }) {
  const t = useT();
  const now = useNow(holder !== null);
  const elapsedSeconds = holder?.grantedAt ? (now - Date.parse(holder.grantedAt)) / 1000 : 0;
  return (
    <div className={`floor-holder${holder ? ' floor-holder--speaking' : ''}`} data-testid="floor-holder" data-request-id={holder?.id ?? ''}>
      <span className="floor-holder__label">{t.floorHolder.label}</span>
      {holder ? (
        <>
          <strong className="floor-holder__site">{holder.siteName}</strong>
          {holder.participantId && <span className="floor-holder__speaker">{holder.speakerName}</span>}
          <span className="floor-holder__elapsed" title={t.floorHolder.elapsed}>
            {formatDuration(elapsedSeconds)}
          </span>
        </>
      ) : (
        <span className="floor-holder__none">{t.floorHolder.none}</span>
      )}
    </div>
  );
}
