import { MINUTES_DOCUMENT_FORMATS, type MinutesDiffView, MinutesItemView, MinutesSpeaker, MinutesTask, MinutesVersionView } from '@hoinghi/contracts';
import { can } from '@hoinghi/domain';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLoading } from '../components/PageLoading';
import { useAction } from '../hooks/useAction';
import { useDocumentDownload } from '../hooks/useDocumentDownload';
import { useMyRoles } from '../hooks/useMyRoles';
import { formatDateTime, formatTime } from '../i18n/format';
import { useT } from '../i18n/I18nContext';
import { useConference } from '../realtime/useConference';
import { Link } from '../router';

/**
 * The minutes (biên bản): the secretariat writes each agenda item beside the floor log while the
 * conference runs and submits; the chair approves or returns, then publishes; every site reads the
 * published version with its number and hash. Older versions and their differences stay readable.
 */
export function MinutesPage({ conferenceId }: { conferenceId: string }) {
  const t = useT();
  const { snapshot, error: liveError } = useConference(conferenceId);
  const { roles } = useMyRoles(conferenceId);
  const [minutes, setMinutes] = useState<MinutesVersionView | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [diff, setDiff] = useState<MinutesDiffView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const leader = snapshot?.scope.leader === true;
  const versions = snapshot?.minutes ?? [];
  // Reread whenever a version changes state (the live summary), or another one is chosen.
  const stamp = versions.map((v) => `${v.version}:${v.status}`).join();

  useEffect(() => {
    if (!snapshot) return;
    const version = chosen ?? (leader ? undefined : versions.find((v) => v.status === 'published')?.version);
    if (!leader && version === undefined) return;
    let cancelled = false;
    api.minutes(conferenceId, version).then((m) => !cancelled && setMinutes(m), (caught: unknown) => !cancelled && setError(caught));
    return () => {
      cancelled = true;
    };
  }, [conferenceId, chosen, leader, stamp, snapshot === null]);

  useEffect(() => {
    setDiff(null);
    if (minutes && minutes.version > 1) api.minutesDiff(conferenceId, minutes.version - 1, minutes.version).then(setDiff, setError);
  }, [conferenceId, minutes?.version, minutes?.status]);

  if (snapshot && !leader && !versions.some((v) => v.status === 'published')) {
    return (
      <div className="page">
        <Link to={`/conferences/${conferenceId}`}>← {t.minutes.back}</Link>
        <p className="empty" data-testid="minutes-none">{t.minutes.notPublished}</p>
      </div>
    );
  }
  if (!minutes || !roles) return <PageLoading error={error ?? liveError} />;
  const editable = minutes.status === 'draft' && can(roles, 'minutes.write');

  return (
    <div className="page minutes-page" data-testid="minutes-page" data-status={minutes.status}>
      <Link to={`/conferences/${conferenceId}`}>← {t.minutes.back}</Link>
      <h1>{t.minutes.title}</h1>
      <p className="minutes-page__meta">
        {t.minutes.version(minutes.version)} · <strong data-testid="minutes-status">{t.minutes.status[minutes.status]}</strong>
        {minutes.documentNumber && <> · {t.minutes.number(minutes.documentNumber)}</>}
        {minutes.corrects && <> · {t.minutes.corrects(minutes.corrects, minutes.correctionReason ?? '')}</>}
      </p>
      {versions.length > 1 && (
        <label className="minutes-page__versions">
          {t.minutes.history}{' '}
          <select value={minutes.version} onChange={(e) => setChosen(Number(e.target.value))} data-testid="minutes-version">
            {versions.map((v) => <option key={v.version} value={v.version}>{t.minutes.version(v.version)} — {t.minutes.status[v.status]}</option>)}
          </select>
        </label>
      )}
      {minutes.sha256 && (
        <p className="minutes-page__hash" data-testid="minutes-hash">
          {t.minutes.published(formatDateTime(minutes.publishedAt, t.locale))} · SHA-256 <code>{minutes.sha256}</code>
        </p>
      )}
      {minutes.status === 'published' && can(roles, 'minutes.download') && <MinutesDownloads conferenceId={conferenceId} version={minutes.version} />}
      {minutes.sourcesChanged && <p className="notice" data-testid="minutes-sources-changed">{t.minutes.sourcesChanged}</p>}
      {minutes.returnReason && minutes.status === 'draft' && <p className="notice">{t.minutes.returned(minutes.returnReason)}</p>}
      <MinutesActions conferenceId={conferenceId} minutes={minutes} roles={roles} onChanged={setMinutes} />
      <Facts minutes={minutes} />
      {diff && diff.items.length > 0 && <MinutesDifferences diff={diff} />}
      <ol className="minutes-items">
        {minutes.items.map((item) => {
          // Beside the live agenda: while the minutes are kept, each item says where the conference is.
          const live = minutes.status !== 'published' ? snapshot?.agenda.find((a) => a.id === item.agendaItemId) : undefined;
          return (
            <li key={item.agendaItemId} className={`minutes-item${live?.state === 'active' ? ' minutes-item--active' : ''}`} data-testid="minutes-item">
              <h2>{item.position}. {item.title}{live && <> <span className="minutes-item__state" data-testid="minutes-item-state" data-state={live.state}>{t.agendaState[live.state]}</span></>}</h2>
              <ItemChanges facts={minutes.facts} agendaItemId={item.agendaItemId} />
              {editable
                ? <ItemEditor conferenceId={conferenceId} item={item} onSaved={(saved) => setMinutes((m) => m && { ...m, items: m.items.map((i) => (i.agendaItemId === saved.agendaItemId ? saved : i)) })} />
                : <ItemText item={item} />}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function MinutesActions({ conferenceId, minutes, roles, onChanged }: {
  conferenceId: string; minutes: MinutesVersionView; roles: NonNullable<ReturnType<typeof useMyRoles>['roles']>; onChanged: (m: MinutesVersionView) => void;
}) {
  const t = useT();
  const action = useAction();
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState<'return' | 'correct' | null>(null);
  const run = (work: () => Promise<MinutesVersionView>) => action.run(async () => onChanged(await work()));
  const chair = can(roles, 'minutes.approve');
  const secretariat = can(roles, 'minutes.write');

  const submitReason = async (event: FormEvent) => {
    event.preventDefault();
    const done = await run(() => (asking === 'return' ? api.minutesAction(conferenceId, 'return', reason.trim()) : api.correctMinutes(conferenceId, reason.trim())));
    if (done) {
      setAsking(null);
      setReason('');
    }
  };

  return (
    <div className="minutes-page__tools">
      {secretariat && minutes.status === 'draft' && (
        <button type="button" className="button button--primary" disabled={action.busy} data-testid="minutes-submit" onClick={() => void run(() => api.minutesAction(conferenceId, 'submit'))}>{t.minutes.submit}</button>
      )}
      {chair && minutes.status === 'submitted' && (
        <button type="button" className="button button--primary" disabled={action.busy} data-testid="minutes-approve" onClick={() => void run(() => api.minutesAction(conferenceId, 'approve'))}>{t.minutes.approve}</button>
      )}
      {chair && (minutes.status === 'submitted' || minutes.status === 'approved') && (
        <button type="button" className="button" disabled={action.busy} data-testid="minutes-return" onClick={() => setAsking('return')}>{t.minutes.return}</button>
      )}
      {chair && minutes.status === 'approved' && (
        <button type="button" className="button button--primary" disabled={action.busy} data-testid="minutes-publish"
          onClick={() => window.confirm(t.minutes.confirmPublish) && void run(() => api.minutesAction(conferenceId, 'publish'))}>{t.minutes.publish}</button>
      )}
      {secretariat && minutes.status === 'published' && (
        <button type="button" className="button" disabled={action.busy} data-testid="minutes-correct" onClick={() => setAsking('correct')}>{t.minutes.correct}</button>
      )}
      {asking && (
        <form className="minutes-page__reason" onSubmit={submitReason}>
          <label>
            {asking === 'return' ? t.minutes.returnReason : t.minutes.correctionReason}
            <textarea required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="minutes-reason" />
          </label>
          <button type="submit" className="button button--primary" disabled={action.busy || !reason.trim()} data-testid="minutes-reason-send">{t.minutes.send}</button>
          <button type="button" className="button" onClick={() => setAsking(null)}>{t.minutes.cancel}</button>
        </form>
      )}
      <ErrorNotice error={action.error} />
    </div>
  );
}

/** A published version as .docx or .pdf (rendered by the worker), and whether the PDF carries the issuing body's signature. */
function MinutesDownloads({ conferenceId, version }: { conferenceId: string; version: number }) {
  const t = useT().minutes;
  const { action, state, download } = useDocumentDownload(conferenceId);
  const ready = typeof state === 'object' ? state.ready : null;
  return (
    <div className="minutes-page__downloads" data-testid="minutes-downloads">
      {MINUTES_DOCUMENT_FORMATS.map((format) => (
        <button key={format} type="button" className="button" disabled={action.busy} data-testid={`minutes-download-${format}`}
          onClick={() => void download(() => api.renderMinutes(conferenceId, version, format))}>{t.download[format]}</button>
      ))}
      {state === 'waiting' && <span data-testid="minutes-download-state" data-state="waiting">{t.downloadWaiting}</span>}
      {state === 'failed' && <span data-testid="minutes-download-state" data-state="failed">{t.downloadFailed}</span>}
      {ready && (
        <span data-testid="minutes-download-state" data-state="ready">
          {t.downloaded(ready.fileName)}
          {ready.kind === 'minutes-pdf' && <> · <span data-testid="minutes-signature" data-signed={ready.signedBy ? 'yes' : 'no'}>{ready.signedBy ? t.signedBy(ready.signedBy) : t.unsigned}</span></>}
        </span>
      )}
      <ErrorNotice error={action.error} />
    </div>
  );
}

function Facts({ minutes }: { minutes: MinutesVersionView }) {
  const t = useT();
  const { facts } = minutes;
  return (
    <section className="panel minutes-facts" data-testid="minutes-facts">
      <p><strong>{facts.conferenceTitle}</strong> — {facts.hostUnit}</p>
      <p>{t.minutes.place}: {facts.place}; {t.minutes.sites(facts.connectedSites.length)}</p>
      <p>{t.minutes.time}: {formatDateTime(facts.startedAt ?? facts.plannedStart, t.locale)}{facts.endedAt ? ` – ${formatDateTime(facts.endedAt, t.locale)}` : ''}</p>
      <p>{t.minutes.chairs}: {facts.chairs.join(', ') || '—'} · {t.minutes.recorders}: {facts.recorders.join(', ') || '—'}</p>
      <p>
        {t.minutes.attendance(facts.attendance.present, facts.attendance.convened)}
        {facts.quorumAtOpening && <> · {facts.quorumAtOpening.met ? t.minutes.quorumMet : t.minutes.quorumNotMet}</>}
      </p>
      <details>
        <summary>{t.minutes.absentees}</summary>
        <ul data-testid="minutes-absentees">
          {facts.attendance.perSite.flatMap((site) => site.absentees.map((a) => (
            <li key={`${site.siteName}/${a.fullName}`}>{a.fullName} ({site.siteName}){a.reason ? ` — ${a.reason}` : ''}</li>
          )))}
        </ul>
      </details>
      {(facts.attendance.guests ?? []).length > 0 && (
        <p data-testid="minutes-guests">{t.minutes.guests}: {facts.attendance.guests.map((g) => `${g.fullName}${g.siteName ? ` (${g.siteName})` : ''}`).join(', ')}</p>
      )}
      {(facts.businessChanges ?? []).length > 0 && (
        <details open>
          <summary>{t.minutes.businessChanges}</summary>
          <ul data-testid="minutes-business-changes">
            {facts.businessChanges.map((c, i) => (
              <li key={i}>
                {formatDateTime(c.at, t.locale)} — {t.minutes.businessChange[c.kind]}
                {c.agendaItemId ? `: ${minutes.items.find((item) => item.agendaItemId === c.agendaItemId)?.title ?? ''}` : ''}
                {c.reason ? ` (${t.minutes.reason(c.reason)})` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      {facts.votes.length > 0 && (
        <ul data-testid="minutes-votes">
          {facts.votes.map((v) => (
            <li key={v.pollId}>{v.title}: {v.result.kind === 'open' ? (v.result.passed ? t.minutes.votePassed : t.minutes.voteFailed) : t.minutes.voteResult(v.result.cast)}</li>
          ))}
        </ul>
      )}
      {facts.drafts.length > 0 && (
        <p data-testid="minutes-drafts">
          {facts.drafts.map((d) => `${t.minutes.draft(d.title, d.comments, d.sites)}${d.points && d.byDisposition ? ` (${t.minutes.consolidated(d.points, d.byDisposition)})` : ''}`).join('; ')}
        </p>
      )}
    </section>
  );
}

type MinutesPart = MinutesDiffView['items'][number]['changed'][number];

/** One part of an item as text, to set the two versions side by side. */
function partText(item: MinutesItemView | null, part: MinutesPart): string {
  if (!item) return '';
  if (part === 'speakers') return item.speakers.map((s) => `${s.fullName} (${s.siteName}): ${s.summary}`).join('\n');
  if (part === 'tasks') return item.tasks.map((x) => `${x.unit}: ${x.task}${x.due ? ` (${x.due})` : ''}`).join('\n');
  return item[part];
}

/** What a version changed against the one before it: per item, each changed part as it was and as it is. */
function MinutesDifferences({ diff }: { diff: MinutesDiffView }) {
  const t = useT();
  return (
    <details className="notice minutes-diff" data-testid="minutes-diff">
      <summary>{t.minutes.differences(diff.from)}: {diff.items.map((i) => `${i.title} (${i.changed.map((c) => t.minutes.part[c]).join(', ')})`).join('; ')}</summary>
      {diff.items.map((i) => (
        <section key={i.agendaItemId}>
          <h3>{i.title}</h3>
          {i.changed.map((part) => (
            <dl key={part} className="minutes-diff__part">
              <dt>{t.minutes.part[part]}</dt>
              <dd><del data-testid="minutes-diff-before">{partText(i.before, part) || '—'}</del></dd>
              <dd><ins data-testid="minutes-diff-after">{partText(i.after, part) || '—'}</ins></dd>
            </dl>
          ))}
        </section>
      ))}
    </details>
  );
}

/** An item skipped or taken up again, when and why (the chair's reasons, which the minutes print under the item). */
function ItemChanges({ facts, agendaItemId }: { facts: MinutesVersionView['facts']; agendaItemId: string }) {
  const t = useT();
  const changes = (facts.businessChanges ?? []).filter((c) => c.agendaItemId === agendaItemId);
  if (!changes.length) return null;
  return (
    <ul className="minutes-item__changes" data-testid="minutes-item-changes">
      {changes.map((c, i) => (
        <li key={i}><em>{formatTime(c.at, t.locale)} — {t.minutes.businessChange[c.kind]}{c.reason ? ` (${t.minutes.reason(c.reason)})` : ''}</em></li>
      ))}
    </ul>
  );
}

function ItemText({ item }: { item: MinutesItemView }) {
  const t = useT();
  return (
    <div className="minutes-item__text">
      {item.summary && <p>{item.summary}</p>}
      {item.speakers.map((s, i) => (
        <p key={i}><strong>{s.fullName}</strong> ({s.siteName}{s.startedAt ? `, ${formatTime(s.startedAt, t.locale)}` : ''}): {s.summary}</p>
      ))}
      {item.conclusion && <p><strong>{t.minutes.conclusion}:</strong> {item.conclusion}</p>}
      {item.tasks.length > 0 && <ul>{item.tasks.map((task, i) => <li key={i}>{task.unit}: {task.task}{task.due ? ` (${task.due})` : ''}</li>)}</ul>}
    </div>
  );
}

/** One item's text, saved with the revision it started from; someone else's newer text comes back in the 409 and replaces it. */
function ItemEditor({ conferenceId, item, onSaved }: { conferenceId: string; item: MinutesItemView; onSaved: (item: MinutesItemView) => void }) {
  const t = useT();
  const action = useAction();
  const [draft, setDraft] = useState(item);
  const [log, setLog] = useState<MinutesSpeaker[] | null>(null);
  const [pick, setPick] = useState('');
  useEffect(() => setDraft(item), [item]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    await action.run(async () => {
      try {
        onSaved(await api.editMinutesItem(conferenceId, item.agendaItemId, {
          revision: draft.revision, summary: draft.summary, conclusion: draft.conclusion,
          speakers: draft.speakers.map(({ floorRequestId, fullName, siteName, summary }) => ({ ...(floorRequestId ? { floorRequestId } : {}), fullName, siteName, summary })),
          tasks: draft.tasks.filter((task) => task.unit.trim() && task.task.trim()).map(({ due, ...task }) => ({ ...task, ...(due ? { due } : {}) })),
        }));
      } catch (caught) {
        if (caught instanceof ApiError && caught.code === 'MINUTES_ITEM_STALE' && caught.current) onSaved(caught.current as MinutesItemView);
        throw caught;
      }
    });
  };
  const addSpeaker = () => action.run(async () => onSaved(await api.addMinutesSpeaker(conferenceId, item.agendaItemId, pick)));
  const speaker = (i: number, summary: string) => setDraft({ ...draft, speakers: draft.speakers.map((s, j) => (j === i ? { ...s, summary } : s)) });
  const task = (i: number, patch: Partial<MinutesTask>) => setDraft({ ...draft, tasks: draft.tasks.map((x, j) => (j === i ? { ...x, ...patch } : x)) });

  return (
    <form className="minutes-item__editor" onSubmit={save} data-testid="minutes-editor">
      <label>{t.minutes.summary}<textarea value={draft.summary} maxLength={20000} onChange={(e) => setDraft({ ...draft, summary: e.target.value })} data-testid="minutes-summary" /></label>
      <fieldset>
        <legend>{t.minutes.speakers}</legend>
        {draft.speakers.map((s, i) => (
          <label key={i} data-testid="minutes-speaker">
            <strong>{s.fullName}</strong> ({s.siteName}{s.startedAt ? `, ${formatTime(s.startedAt, t.locale)}` : ''})
            <textarea value={s.summary} maxLength={20000} onChange={(e) => speaker(i, e.target.value)} />
          </label>
        ))}
        <div className="minutes-item__pick">
          <select value={pick} onFocus={() => log === null && void api.minutesFloorLog(conferenceId).then(setLog)} onChange={(e) => setPick(e.target.value)} data-testid="minutes-floor-log" aria-label={t.minutes.fromFloorLog}>
            <option value="">{t.minutes.fromFloorLog}</option>
            {(log ?? []).map((s) => <option key={s.floorRequestId!} value={s.floorRequestId!}>{s.fullName} — {s.siteName} ({formatTime(s.startedAt, t.locale)})</option>)}
          </select>
          <button type="button" className="button button--small" disabled={!pick || action.busy} onClick={() => void addSpeaker()} data-testid="minutes-add-speaker">{t.minutes.addSpeaker}</button>
        </div>
      </fieldset>
      <label>{t.minutes.conclusion}<textarea value={draft.conclusion} maxLength={20000} onChange={(e) => setDraft({ ...draft, conclusion: e.target.value })} data-testid="minutes-conclusion" /></label>
      <fieldset>
        <legend>{t.minutes.tasks}</legend>
        {draft.tasks.map((x, i) => (
          <div key={i} className="minutes-item__task">
            <input aria-label={t.minutes.taskUnit} placeholder={t.minutes.taskUnit} value={x.unit} maxLength={200} onChange={(e) => task(i, { unit: e.target.value })} />
            <input aria-label={t.minutes.taskText} placeholder={t.minutes.taskText} value={x.task} maxLength={20000} onChange={(e) => task(i, { task: e.target.value })} />
            <input aria-label={t.minutes.taskDue} type="date" value={x.due ?? ''} onChange={(e) => task(i, { due: e.target.value || null })} />
          </div>
        ))}
        <button type="button" className="button button--small" onClick={() => setDraft({ ...draft, tasks: [...draft.tasks, { unit: '', task: '', due: null }] })}>{t.minutes.addTask}</button>
      </fieldset>
      <ErrorNotice error={action.error} />
      <button type="submit" className="button button--primary" disabled={action.busy} data-testid="minutes-save">{t.minutes.save}</button>
      {item.updatedByName && <span className="minutes-item__edited">{t.minutes.edited(item.updatedByName, formatTime(item.updatedAt, t.locale))}</span>}
    </form>
  );
}
