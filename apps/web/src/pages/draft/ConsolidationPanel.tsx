import {
  DISPOSITIONS, type CommentView, type ConferenceSnapshot, type ConsolidationPointView, type Disposition, type DraftVersionView,
} from '@hoinghi/contracts';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api/endpoints';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAction } from '../../hooks/useAction';
import { useDocumentDownload } from '../../hooks/useDocumentDownload';
import { useT } from '../../i18n/I18nContext';
import type { CommentFilterStatus } from '../../i18n/vi';

const ALL = '';
const WHOLE = 'whole';

/**
 * The secretariat's desk for one draft: the live stream of comments with filters (section, site,
 * status), grouping selected comments into a point, the disposition and response of each point, the
 * report (.docx, rendered by the worker), and a new version recording the points it absorbs.
 */
export function ConsolidationPanel({ conferenceId, draft, snapshot }: { conferenceId: string; draft: DraftVersionView; snapshot: ConferenceSnapshot }) {
  const t = useT();
  const c = t.consolidation;
  const comments = snapshot.comments.items.filter((x) => x.draftId === draft.draftId);
  const points = snapshot.points.filter((p) => p.draftId === draft.draftId);
  const pointOf = useMemo(() => new Map(points.flatMap((p) => p.commentIds.map((id) => [id, p] as const))), [points]);
  const siteName = (id: string | null) => (id ? snapshot.sites.find((s) => s.id === id)?.name ?? '' : '');
  const statusOf = (x: CommentView): CommentFilterStatus => (x.status === 'withdrawn' ? 'withdrawn' : pointOf.has(x.id) ? 'grouped' : 'open');

  const [section, setSection] = useState(ALL);
  const [site, setSite] = useState(ALL);
  const [status, setStatus] = useState<CommentFilterStatus | typeof ALL>('open');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const sectionOptions = [...new Map(comments.map((x) => [x.sectionId ?? WHOLE, x.sectionLabel || c.wholeDraft])).entries()];
  const siteOptions = [...new Set(comments.flatMap((x) => (x.siteId ? [x.siteId] : [])))];
  const shown = comments
    .filter((x) => section === ALL || (x.sectionId ?? WHOLE) === section)
    .filter((x) => site === ALL || x.siteId === site)
    .filter((x) => status === ALL || statusOf(x) === status)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const chosen = [...selected].filter((id) => comments.some((x) => x.id === id && statusOf(x) === 'open'));
  const toggle = (id: string) => setSelected((old) => {
    const next = new Set(old);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  return (
    <section className="panel consolidation" data-testid="consolidation">
      <div className="panel__header">
        <h2>{c.title}</h2>
        <ReportButton conferenceId={conferenceId} draftId={draft.draftId} />
      </div>
      <p className="consolidation__totals" data-testid="consolidation-totals">
        {c.totals(comments.filter((x) => x.status === 'active').length, comments.filter((x) => x.status === 'active' && pointOf.has(x.id)).length, points.length)}
      </p>
      <div className="consolidation__filters">
        <label>{c.filterSection}
          <select value={section} onChange={(e) => setSection(e.target.value)} data-testid="filter-section">
            <option value={ALL}>{c.all}</option>
            {sectionOptions.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
          </select>
        </label>
        <label>{c.filterSite}
          <select value={site} onChange={(e) => setSite(e.target.value)} data-testid="filter-site">
            <option value={ALL}>{c.all}</option>
            {siteOptions.map((id) => <option key={id} value={id}>{siteName(id)}</option>)}
          </select>
        </label>
        <label>{c.filterStatus}
          <select value={status} onChange={(e) => setStatus(e.target.value as CommentFilterStatus)} data-testid="filter-status">
            <option value={ALL}>{c.all}</option>
            {(['open', 'grouped', 'withdrawn'] as const).map((s) => <option key={s} value={s}>{c.status[s]}</option>)}
          </select>
        </label>
      </div>
      <h3>{c.stream}</h3>
      {shown.length === 0 && <p className="consolidation__empty">{c.noComments}</p>}
      <ul className="consolidation__stream">
        {shown.map((x) => {
          const point = pointOf.get(x.id);
          return (
            <li key={x.id} className={`comment consolidation__comment consolidation__comment--${statusOf(x)}`} data-testid="consolidation-comment" data-status={statusOf(x)}>
              <label className="consolidation__pick">
                <input
                  type="checkbox" checked={selected.has(x.id)} disabled={statusOf(x) !== 'open'} onChange={() => toggle(x.id)}
                  data-testid="comment-select" aria-label={x.text}
                />
                <span className="comment__who">
                  {x.sectionLabel || c.wholeDraft} · {t.drafts.commentKind[x.kind]} · {x.kind === 'site' ? siteName(x.siteId) : (x.speakerName ?? x.authorName)}
                  {x.kind !== 'site' && x.siteId ? ` (${siteName(x.siteId)})` : ''}
                </span>
              </label>
              <p className="comment__text">{x.text}</p>
              {x.proposal && <p className="comment__proposal"><strong>{t.drafts.proposal}:</strong> {x.proposal}</p>}
              {point && <p className="comment__who">{c.inPoint(point.summary)}</p>}
            </li>
          );
        })}
      </ul>
      {chosen.length > 0 && (
        <GroupForm conferenceId={conferenceId} draftId={draft.draftId} commentIds={chosen} points={points} onDone={() => setSelected(new Set())} />
      )}
      <h3>{c.points(points.length)}</h3>
      <ol className="consolidation__points">
        {points.map((p) => <PointCard key={p.id} conferenceId={conferenceId} point={p} comments={comments} siteName={siteName} />)}
      </ol>
      <NewVersionForm conferenceId={conferenceId} draft={draft} points={points} />
    </section>
  );
}

function DispositionFields({ disposition, response, onDisposition, onResponse }: {
  disposition: Disposition | '';
  response: string;
  onDisposition: (d: Disposition | '') => void;
  onResponse: (r: string) => void;
}) {
  const c = useT().consolidation;
  return (
    <>
      <label>{c.disposition}
        <select value={disposition} onChange={(e) => onDisposition(e.target.value as Disposition | '')} data-testid="point-disposition">
          <option value="">{c.undecided}</option>
          {DISPOSITIONS.map((d) => <option key={d} value={d}>{c.dispositions[d]}</option>)}
        </select>
      </label>
      <textarea aria-label={c.response} placeholder={c.response} maxLength={5000} value={response} onChange={(e) => onResponse(e.target.value)} data-testid="point-response" />
    </>
  );
}

function GroupForm({ conferenceId, draftId, commentIds, points, onDone }: {
  conferenceId: string; draftId: string; commentIds: string[]; points: ConsolidationPointView[]; onDone: () => void;
}) {
  const c = useT().consolidation;
  const action = useAction();
  const [summary, setSummary] = useState('');
  const [disposition, setDisposition] = useState<Disposition | ''>('');
  const [response, setResponse] = useState('');
  const [target, setTarget] = useState('');
  const open = points.filter((p) => p.absorbedInVersion === null);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const done = await action.run(() => api.createPoint(conferenceId, draftId, {
      summary: summary.trim(), commentIds, ...(disposition ? { disposition } : {}), ...(response.trim() ? { response: response.trim() } : {}),
    }));
    if (done) {
      setSummary('');
      setResponse('');
      setDisposition('');
      onDone();
    }
  };
  const addTo = async () => {
    if (await action.run(() => api.updatePoint(conferenceId, target, { addCommentIds: commentIds }))) onDone();
  };
  return (
    <form className="comment-form consolidation__group" onSubmit={create} data-testid="group-form">
      <strong>{c.selected(commentIds.length)}</strong>
      <textarea aria-label={c.summary} placeholder={c.summary} required maxLength={2000} value={summary} onChange={(e) => setSummary(e.target.value)} data-testid="point-summary" />
      <DispositionFields disposition={disposition} response={response} onDisposition={setDisposition} onResponse={setResponse} />
      <ErrorNotice error={action.error} />
      <div className="comment-form__buttons">
        <button type="submit" className="button button--primary" disabled={action.busy || !summary.trim()} data-testid="point-create">{c.group}</button>
        {open.length > 0 && (
          <>
            <select aria-label={c.addTo} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">{c.addTo}…</option>
              {open.map((p) => <option key={p.id} value={p.id}>{p.summary.slice(0, 60)}</option>)}
            </select>
            <button type="button" className="button" disabled={action.busy || !target} onClick={() => void addTo()}>{c.add}</button>
          </>
        )}
      </div>
    </form>
  );
}

function PointCard({ conferenceId, point, comments, siteName }: {
  conferenceId: string; point: ConsolidationPointView; comments: CommentView[]; siteName: (id: string | null) => string;
}) {
  const t = useT();
  const c = t.consolidation;
  const action = useAction();
  const [disposition, setDisposition] = useState<Disposition | ''>(point.disposition ?? '');
  const [response, setResponse] = useState(point.response);
  // A change made elsewhere (another secretary, the chair) arrives live: show it.
  useEffect(() => {
    setDisposition(point.disposition ?? '');
    setResponse(point.response);
  }, [point.disposition, point.response]);
  const grouped = point.commentIds.flatMap((id) => comments.filter((x) => x.id === id));
  const changed = disposition !== (point.disposition ?? '') || response !== point.response;
  const absorbed = point.absorbedInVersion !== null;
  return (
    <li className="consolidation__point" data-testid="point" data-disposition={point.disposition ?? ''}>
      <p className="consolidation__point-title">
        <strong>{point.sectionLabel || c.wholeDraft}</strong> · {point.summary} · {c.pointComments(point.commentIds.length)}
        {absorbed && <span className="consolidation__absorbed"> · {c.absorbed(point.absorbedInVersion!)}</span>}
      </p>
      <ul className="comments">
        {grouped.map((x) => (
          <li key={x.id} className="comment">
            <span className="comment__who">{x.kind === 'site' ? siteName(x.siteId) : (x.speakerName ?? x.authorName)}</span>
            <p className="comment__text">{x.text}</p>
            {!absorbed && point.commentIds.length > 1 && (
              <button type="button" className="button button--small" disabled={action.busy} onClick={() => void action.run(() => api.updatePoint(conferenceId, point.id, { removeCommentIds: [x.id] }))}>
                {c.removeComment}
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="comment-form">
        <DispositionFields disposition={disposition} response={response} onDisposition={setDisposition} onResponse={setResponse} />
        <ErrorNotice error={action.error} />
        <div className="comment-form__buttons">
          <button
            type="button" className="button button--primary" disabled={action.busy || !changed} data-testid="point-save"
            onClick={() => void action.run(() => api.updatePoint(conferenceId, point.id, { disposition: disposition || null, response }))}
          >
            {c.save}
          </button>
          {!absorbed && (
            <button type="button" className="button" disabled={action.busy} onClick={() => void action.run(() => api.deletePoint(conferenceId, point.id))}>
              {c.deletePoint}
            </button>
          )}
        </div>
      </div>
    </li>
  );
}

/** Asks the worker for the .docx, polls its job, and hands the file to the browser when ready. */
function ReportButton({ conferenceId, draftId }: { conferenceId: string; draftId: string }) {
  const c = useT().consolidation;
  const { action, state, download } = useDocumentDownload(conferenceId);
  return (
    <div className="consolidation__report">
      <button type="button" className="button" disabled={action.busy} onClick={() => void download(() => api.renderReport(conferenceId, draftId))} data-testid="report-download">{c.report}</button>
      {state === 'waiting' && <span data-testid="report-state" data-state="waiting">{c.reportWaiting}</span>}
      {state === 'failed' && <span data-testid="report-state" data-state="failed">{c.reportFailed}</span>}
      {typeof state === 'object' && <span data-testid="report-state" data-state="ready">{c.reportReady(state.ready.fileName)}</span>}
      <ErrorNotice error={action.error} />
    </div>
  );
}

/** The draft's text as it can be pasted back: one paragraph per line, each section's numbering kept. */
const asText = (draft: DraftVersionView) =>
  draft.sections.map((s) => [[s.label, s.heading].filter(Boolean).join(' '), s.text].filter(Boolean).join('\n')).join('\n');

function NewVersionForm({ conferenceId, draft, points }: { conferenceId: string; draft: DraftVersionView; points: ConsolidationPointView[] }) {
  const t = useT();
  const c = t.consolidation;
  const action = useAction();
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [absorbed, setAbsorbed] = useState<Set<string>>(new Set());
  const absorbable = points.filter((p) => p.absorbedInVersion === null && (p.disposition === 'accepted' || p.disposition === 'partly_accepted'));
  if (!opened) {
    return (
      <button type="button" className="button" data-testid="version-open" onClick={() => { setText(asText(draft)); setOpened(true); }}>
        {c.newVersion}
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await action.run(() => api.newDraftVersion(conferenceId, draft.draftId, {
      text, ...(note.trim() ? { note: note.trim() } : {}), absorbedPointIds: [...absorbed],
    }));
    if (done) {
      setOpened(false);
      setAbsorbed(new Set());
      setNote('');
    }
  };
  return (
    <form className="comment-form consolidation__version" onSubmit={submit} data-testid="version-form">
      <h3>{c.newVersion}</h3>
      <textarea className="consolidation__version-text" aria-label={c.newVersionText} required value={text} onChange={(e) => setText(e.target.value)} data-testid="version-text" />
      <input aria-label={c.newVersionNote} placeholder={c.newVersionNote} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      <fieldset>
        <legend>{c.absorbs}</legend>
        {absorbable.length === 0 && <p>{c.noneAbsorbable}</p>}
        {absorbable.map((p) => (
          <label key={p.id} className="consolidation__pick">
            <input
              type="checkbox" checked={absorbed.has(p.id)} data-testid="version-absorb"
              onChange={() => setAbsorbed((old) => {
                const next = new Set(old);
                if (!next.delete(p.id)) next.add(p.id);
                return next;
              })}
            />
            {p.sectionLabel || c.wholeDraft} · {p.summary} ({c.dispositions[p.disposition!]})
          </label>
        ))}
      </fieldset>
      <ErrorNotice error={action.error} />
      <div className="comment-form__buttons">
        <button type="submit" className="button button--primary" disabled={action.busy || !text.trim()} data-testid="version-save">{c.newVersion}</button>
        <button type="button" className="button" onClick={() => setOpened(false)}>{t.drafts.commentCancel}</button>
      </div>
    </form>
  );
}
