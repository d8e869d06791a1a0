import { AUDIT_ACTION_GROUPS, AUDIT_ACTIONS, type AuditAction, type AuditEntryView, type AuditQuery, type ParticipantView } from '@hoinghi/contracts';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLoading } from '../components/PageLoading';
import { formatDateTime } from '../i18n/format';
import { useT } from '../i18n/I18nContext';
import { Link } from '../router';

interface Filters {
  action: string;
  actorUserId: string;
  from: string; // datetime-local, the browser's time
  to: string;
}

const NO_FILTERS: Filters = { action: '', actorUserId: '', from: '', to: '' };
const isAction = (action: string): action is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(action);
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/**
 * The conference's audit log (nhật ký) for the chairs and the secretariat: who did what and when,
 * actions in Vietnamese, filtered by action (or its group), person and time.
 */
export function AuditPage({ conferenceId }: { conferenceId: string }) {
  const t = useT();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [people, setPeople] = useState<ParticipantView[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.participants(conferenceId).then(setPeople, () => undefined);
  }, [conferenceId]);

  useEffect(() => {
    let current = true;
    const query: AuditQuery = { action: applied.action || undefined, actorUserId: applied.actorUserId || undefined, from: instant(applied.from), to: instant(applied.to) };
    setError(null);
    api.audit(conferenceId, query).then((list) => current && setEntries(list), (caught: unknown) => current && setError(caught));
    return () => { current = false; };
  }, [conferenceId, applied]);

  // One name per person, whatever their roles.
  const persons = useMemo(() => [...new Map(people.map((p) => [p.userId, p.fullName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'vi')), [people]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
  };

  return (
    <div className="page audit-page">
      <Link to={`/conferences/${conferenceId}`}>← {t.audit.back}</Link>
      <h1>{t.audit.title}</h1>
      <form className="audit-filters" onSubmit={submit} data-testid="audit-filters">
        <label className="field">
          <span>{t.audit.action}</span>
          <select data-testid="audit-action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
            <option value="">{t.audit.allActions}</option>
            {AUDIT_ACTION_GROUPS.map((group) => (
              <optgroup key={group} label={t.audit.groups[group]}>
                <option value={group}>{`${t.audit.groups[group]} — ${t.audit.allActions.toLowerCase()}`}</option>
                {AUDIT_ACTIONS.filter((a) => a.startsWith(`${group}.`)).map((action) => (
                  <option key={action} value={action}>{t.audit.actions[action]}</option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.audit.person}</span>
          <select data-testid="audit-person" value={draft.actorUserId} onChange={(e) => setDraft({ ...draft, actorUserId: e.target.value })}>
            <option value="">{t.audit.everyone}</option>
            {persons.map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t.audit.from}</span>
          <input type="datetime-local" data-testid="audit-from" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label className="field">
          <span>{t.audit.to}</span>
          <input type="datetime-local" data-testid="audit-to" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <div className="button-row">
          <button type="submit" className="button button--primary" data-testid="audit-apply">{t.audit.filter}</button>
          <button type="button" className="button" onClick={() => { setDraft(NO_FILTERS); setApplied(NO_FILTERS); }}>{t.audit.clear}</button>
        </div>
      </form>
      <ErrorNotice error={error} />
      {entries === null ? (
        !error && <PageLoading error={null} />
      ) : entries.length === 0 ? (
        <p className="empty">{t.audit.empty}</p>
      ) : (
        <>
          <p className="hint">{t.audit.count(entries.length)}</p>
          <ol className="audit-list" data-testid="audit-list">
            {entries.map((e) => (
              <li key={e.id} className="audit-entry" data-testid="audit-entry" data-action={e.action}>
                <time className="audit-entry__time" dateTime={e.at}>{formatDateTime(e.at, t.locale)}</time>
                <span className="audit-entry__who">{e.actorName ?? t.audit.platform}</span>
                <strong className="audit-entry__action">{isAction(e.action) ? t.audit.actions[e.action] : e.action}</strong>
                {typeof e.details.reason === 'string' && e.details.reason && (
                  <span className="audit-entry__reason">{t.audit.reason}: {e.details.reason}</span>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
