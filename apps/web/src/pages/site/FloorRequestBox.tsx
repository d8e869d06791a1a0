import { useEffect, useState } from 'react';
import type { DraftSectionView, DraftSummary, FloorState } from '@hoinghi/contracts';
import { api } from '../../api/endpoints';
import { FloorTopic } from '../../components/FloorTopic';
import { useT } from '../../i18n/I18nContext';

export interface FloorTopicChoice {
  note?: string;
  sectionId?: string;
}

/** What the site view sends: the topic, and the delegate's own participant id when a delegate asks. */
export type FloorAsk = FloorTopicChoice & { participantId?: string };

interface Props {
  conferenceId: string;
  floor: FloorState;
  drafts: DraftSummary[];
  siteId: string;
  /** Set when a delegate asks for themself; else the site asks. */
  participantId?: string;
  live: boolean;
  busy: boolean;
  onRequest(ask: FloorAsk): void;
  onWithdraw(requestId: string): void;
}

/** The site's own place in the floor queue: ask with a topic (free text, a draft section), see the position, withdraw. */
export function FloorRequestBox({ conferenceId, floor, drafts, siteId, participantId, live, busy, onRequest, onWithdraw }: Props) {
  const t = useT();
  const [note, setNote] = useState('');
  const [draftId, setDraftId] = useState('');
  const [sectionId, setSectionId] = useState('');
  const sections = useDraftSections(conferenceId, draftId);
  if (floor.holder?.siteId === siteId) {
    return <p className="floor-request floor-request--speaking">{t.site.speakingNow}</p>;
  }
  // The queue a site receives holds its own requests, each with its place in the whole queue.
  const request = floor.queue.find((r) => r.siteId === siteId && (participantId === undefined || r.participantId === participantId));
  if (request) {
    const place = request.place ?? 0;
    return (
      <div className="floor-request">
        <span data-testid="floor-queue-position" data-position={place}>
          {t.site.queuePosition(place)}
        </span>
        <FloorTopic request={request} />
        <button type="button" className="button" data-testid="floor-withdraw" disabled={busy} onClick={() => onWithdraw(request.id)}>
          {t.site.withdraw}
        </button>
      </div>
    );
  }
  return (
    <div className="floor-request floor-request--ask">
      <label className="field">
        <span>{t.speakers.topic}</span>
        <input data-testid="floor-topic-note" maxLength={500} value={note} placeholder={t.speakers.topicHint} onChange={(e) => setNote(e.target.value)} />
      </label>
      {drafts.length > 0 && (
        <label className="field">
          <span>{t.speakers.section}</span>
          <span className="field__pair">
            <select data-testid="floor-topic-draft" value={draftId} onChange={(e) => { setDraftId(e.target.value); setSectionId(''); }}>
              <option value="">{t.speakers.chooseDraft}</option>
              {drafts.map((d) => <option key={d.id} value={d.id}>{d.title}</option>)}
            </select>
            {draftId && (
              <select data-testid="floor-topic-section" value={sectionId} onChange={(e) => setSectionId(e.target.value)}>
                <option value="">{t.speakers.noSection}</option>
                {sections.filter((s) => s.label || s.heading).map((s) => <option key={s.id} value={s.id}>{`${s.label} ${s.heading}`.trim().slice(0, 90)}</option>)}
              </select>
            )}
          </span>
        </label>
      )}
      <button
        type="button"
        className="button button--primary button--large"
        data-testid="request-floor"
        disabled={busy || !live}
        title={busy ? t.console.busyHint : !live ? t.console.notLiveHint : undefined}
        aria-describedby={!live ? 'floor-not-live' : undefined}
        onClick={() => {
          onRequest({ note: note.trim() || undefined, sectionId: sectionId || undefined, participantId });
          setNote('');
          setSectionId('');
        }}
      >
        ✋ {t.site.requestFloor}
      </button>
      {!live && <span className="hint" id="floor-not-live">{t.console.notLiveHint}</span>}
    </div>
  );
}

/** The sections of a draft's current version, to name one as the topic. */
function useDraftSections(conferenceId: string, draftId: string): DraftSectionView[] {
  const [sections, setSections] = useState<DraftSectionView[]>([]);
  useEffect(() => {
    setSections([]);
    if (!draftId) return;
    let current = true;
    api.draft(conferenceId, draftId).then((v) => current && setSections(v.sections), () => undefined);
    return () => { current = false; };
  }, [conferenceId, draftId]);
  return sections;
}
