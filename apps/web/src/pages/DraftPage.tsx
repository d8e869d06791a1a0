import { countComments, type CommentView, type DraftDiffView, type DraftSectionView, type DraftVersionView, type SubmitCommentRequest } from '@hoinghi/contracts';
import { can } from '@hoinghi/domain';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api/endpoints';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLoading } from '../components/PageLoading';
import { useAction } from '../hooks/useAction';
import { useMyRoles } from '../hooks/useMyRoles';
import { formatTime } from '../i18n/format';
import { useT } from '../i18n/I18nContext';
import { useConference } from '../realtime/useConference';
import { Link } from '../router';
import { ConsolidationPanel } from './draft/ConsolidationPanel';

/** Numbered and lettered points (levels 6 and 8 of the domain's outline). */
const POINT_LEVEL = 6;

/**
 * A draft read section by section (a phone shows one column), with what changed since the previous
 * version, and — while the chair has consultation open — a comment on any section, beside it.
 */
export function DraftPage({ conferenceId, draftId }: { conferenceId: string; draftId: string }) {
  const t = useT();
  const { snapshot, error: liveError } = useConference(conferenceId);
  const { roles } = useMyRoles(conferenceId);
  const [draft, setDraft] = useState<DraftVersionView | null>(null);
  const [diff, setDiff] = useState<DraftDiffView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [comparing, setComparing] = useState(false);
  const action = useAction();
  const summary = snapshot?.drafts.find((d) => d.id === draftId);

  // The text is read over REST, again whenever the live summary says a new version came out.
  useEffect(() => {
    let cancelled = false;
    api.draft(conferenceId, draftId).then((d) => !cancelled && setDraft(d), (caught: unknown) => !cancelled && setError(caught));
    setDiff(null);
    return () => {
      cancelled = true;
    };
  }, [conferenceId, draftId, summary?.currentVersion]);

  useEffect(() => {
    if (!comparing || !draft || draft.version < 2 || diff) return;
    api.draftDiff(conferenceId, draftId, draft.version - 1, draft.version).then(setDiff, setError);
  }, [comparing, draft, diff, conferenceId, draftId]);

  if (!draft) return <PageLoading error={error ?? liveError} />;
  const changeOf = new Map(diff?.changes.flatMap((c) => ('after' in c ? [[c.after.id, c.change] as const] : [])) ?? []);
  const removed = diff?.changes.flatMap((c) => (c.change === 'removed' ? [c.before] : [])) ?? [];

  const open = summary?.consultation === 'open';
  const staffSiteId = roles?.find((r) => (r.role === 'site_chair' || r.role === 'site_operator') && r.siteId)?.siteId ?? null;
  const commenter: Commenter | null = roles && open && (can(roles, 'comments.submit') || staffSiteId)
    ? { asDelegate: can(roles, 'comments.submit'), siteId: staffSiteId } : null;
  const comments = (snapshot?.comments.items ?? []).filter((c) => c.draftId === draftId && c.status === 'active');
  const pending = (snapshot?.comments.receipts ?? []).filter((r) => r.draftId === draftId && r.status === 'accepted');
  const onSection = (sectionId: string | null) => comments.filter((c) => c.sectionId === sectionId);
  // The chair's and the secretariat's tally: how many comments each site gave (leaders see them all).
  const leader = snapshot?.scope.leader === true;
  const bySite = leader ? Object.entries(countComments(comments).bySite) : [];
  const siteName = (id: string) => snapshot?.sites.find((s) => s.id === id)?.name ?? id;

  return (
    <div className="page draft-page">
      <Link to={`/conferences/${conferenceId}`}>← {t.drafts.back}</Link>
      <h1 className="draft-page__title">{draft.title}</h1>
      <p className="draft-page__meta">
        {t.drafts.version(draft.version)} · {t.drafts.meta(draft.createdByName, formatTime(draft.createdAt, t.locale))}
        {summary && <> · <strong data-testid="consultation-state" data-state={summary.consultation}>{t.drafts.consultation[summary.consultation]}</strong></>}
      </p>
      <div className="draft-page__tools">
        {roles && can(roles, 'consultation.control') && summary && (
          <button
            type="button"
            className={`button${open ? '' : ' button--primary'}`}
            disabled={action.busy}
            data-testid="consultation-toggle"
            onClick={() => void action.run(() => api.consultation(conferenceId, draftId, open ? 'close' : 'open'))}
          >
            {open ? t.drafts.consultationClose : t.drafts.consultationOpen}
          </button>
        )}
        {draft.version > 1 && (
          <button type="button" className="button" onClick={() => setComparing((on) => !on)} data-testid="draft-compare">
            {comparing ? t.drafts.hideCompare : t.drafts.compare(draft.version - 1)}
          </button>
        )}
      </div>
      <ErrorNotice error={error ?? action.error} />
      {draft.absorbedPoints.length > 0 && (
        <div className="notice" data-testid="version-absorbed">
          {t.consolidation.versionAbsorbed}:
          <ul>{draft.absorbedPoints.map((p) => <li key={p.id}>{p.sectionLabel || t.consolidation.wholeDraft} · {p.summary}</li>)}</ul>
        </div>
      )}
      {snapshot && roles && can(roles, 'consolidation.manage') && <ConsolidationPanel conferenceId={conferenceId} draft={draft} snapshot={snapshot} />}
      {leader && comments.length > 0 && (
        <p className="draft-page__tally" data-testid="comment-tally">
          {t.drafts.comments(comments.length)}: {bySite.map(([siteId, n]) => `${siteName(siteId)} (${n})`).join(', ')}
        </p>
      )}
      {pending.length > 0 && <p className="notice" data-testid="receipts-pending">{t.drafts.receipt.accepted} ({pending.length})</p>}
      {commenter && <CommentBox conferenceId={conferenceId} draftId={draftId} sectionId={null} commenter={commenter} label={t.drafts.wholeDraft} />}
      <CommentList comments={onSection(null)} />
      <ol className="draft-sections">
        {draft.sections.map((section) => (
          <SectionView key={section.id} section={section} change={comparing ? changeOf.get(section.id) : undefined}>
            <CommentList comments={onSection(section.id)} />
            {commenter && <CommentBox conferenceId={conferenceId} draftId={draftId} sectionId={section.id} commenter={commenter} label={t.drafts.comment} />}
          </SectionView>
        ))}
        {comparing && removed.map((section) => <SectionView key={`removed-${section.id}`} section={section} change="removed" />)}
      </ol>
    </div>
  );
}

function SectionView({ section, change, children }: { section: DraftSectionView; change?: string; children?: ReactNode }) {
  const t = useT();
  // A numbered point reads as one paragraph ("2. Đến năm 2025, …"); headed sections get a title line.
  const inlineLabel = !section.heading && section.level >= POINT_LEVEL ? section.label : '';
  const title = inlineLabel ? '' : [section.label, section.heading].filter(Boolean).join(' ') || (section.level === 0 ? t.drafts.preamble : '');
  const lines = section.text.split('\n');
  return (
    <li
      className={`draft-section draft-section--level-${section.level}${change ? ` draft-section--${change}` : ''}`}
      data-testid="draft-section"
      data-label={section.label}
    >
      {change && change !== 'unchanged' && <span className="draft-section__change">{t.drafts.change[change as keyof typeof t.drafts.change]}</span>}
      {title && <h2 className="draft-section__title">{title}</h2>}
      {lines.map((line, i) => (
        <p key={i} className="draft-section__text">
          {i === 0 && inlineLabel && <strong className="draft-section__label">{inlineLabel} </strong>}
          {line}
        </p>
      ))}
      {children}
    </li>
  );
}

/** The comments the viewer may see on one section: the leaders every one, others their own (and their site's). */
function CommentList({ comments }: { comments: CommentView[] }) {
  const t = useT();
  if (comments.length === 0) return null;
  return (
    <ul className="comments" data-testid="comments">
      {comments.map((c) => (
        <li key={c.id} className="comment" data-testid="comment">
          <span className="comment__who">
            {t.drafts.commentKind[c.kind]} · {c.speakerName ?? c.authorName} · {t.drafts.receipt.received}
          </span>
          <p className="comment__text">{c.text}</p>
          {c.proposal && <p className="comment__proposal"><strong>{t.drafts.proposal}:</strong> {c.proposal}</p>}
        </li>
      ))}
    </ul>
  );
}

interface Commenter {
  /** A delegate (or chair) commenting in their own name. */
  asDelegate: boolean;
  /** The site whose collective opinion the caller may give (its chair or operator). */
  siteId: string | null;
}

/** A new idempotency key per comment, kept across retries (crypto.randomUUID needs a secure context). */
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

function CommentBox({ conferenceId, draftId, sectionId, commenter, label }: { conferenceId: string; draftId: string; sectionId: string | null; commenter: Commenter; label: string }) {
  const t = useT();
  const action = useAction();
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState('');
  const [proposal, setProposal] = useState('');
  const [asSite, setAsSite] = useState(!commenter.asDelegate);
  const [key, setKey] = useState(newKey);

  if (!opened) {
    return (
      <button type="button" className="button button--small" data-testid="comment-open" onClick={() => setOpened(true)}>
        ✎ {label}
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: SubmitCommentRequest = {
      idempotencyKey: key, kind: asSite ? 'site' : 'delegate', text: text.trim(),
      ...(sectionId ? { sectionId } : {}), ...(proposal.trim() ? { proposal: proposal.trim() } : {}),
      ...(asSite && commenter.siteId ? { siteId: commenter.siteId } : {}),
    };
    // A resend after a network failure carries the same key: the server answers the same receipt.
    if (await action.run(() => api.submitComment(conferenceId, draftId, body))) {
      setText('');
      setProposal('');
      setKey(newKey());
      setOpened(false);
    }
  };
  return (
    <form className="comment-form" onSubmit={submit} data-testid="comment-form">
      {commenter.asDelegate && commenter.siteId && (
        <label className="comment-form__as">
          {t.drafts.commentAs}{' '}
          <select value={asSite ? 'site' : 'delegate'} onChange={(e) => setAsSite(e.target.value === 'site')}>
            <option value="delegate">{t.drafts.commentAsDelegate}</option>
            <option value="site">{t.drafts.commentAsSite}</option>
          </select>
        </label>
      )}
      <textarea aria-label={t.drafts.commentText} placeholder={t.drafts.commentText} required maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} data-testid="comment-text" />
      <textarea aria-label={t.drafts.commentProposal} placeholder={t.drafts.commentProposal} maxLength={5000} value={proposal} onChange={(e) => setProposal(e.target.value)} />
      <ErrorNotice error={action.error} />
      <div className="comment-form__buttons">
        <button type="submit" className="button button--primary" disabled={action.busy || !text.trim()} data-testid="comment-send">{t.drafts.commentSend}</button>
        <button type="button" className="button" onClick={() => setOpened(false)}>{t.drafts.commentCancel}</button>
      </div>
    </form>
  );
}
