import type { FloorRequestView } from '@hoinghi/contracts';
import { useT } from '../i18n/I18nContext';

/** What a speaker asked to speak about: the draft section, and the free text. */
export function FloorTopic({ request }: { request: FloorRequestView }) {
  const t = useT();
  if (!request.section && !request.note) return null;
  return (
    <span className="floor-topic" data-testid="floor-topic" title={t.floorHolder.topic}>
      {request.section && (
        <span className="floor-topic__section">
          {request.section.draftTitle} — {request.section.label} {request.section.heading}
        </span>
      )}
      {request.note && <span className="floor-topic__note">{request.note}</span>}
    </span>
  );
}
