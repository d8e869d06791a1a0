import type { DraftDiffView, DraftSectionView, DraftVersionView } from '@hoinghi/contracts';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLoading } from '../components/PageLoading';
import { formatTime } from '../i18n/format';
import { useT } from '../i18n/I18nContext';
import { Link } from '../router';

/** A draft read section by section (a phone shows one column), with what changed since the previous version. */
export function DraftPage({ conferenceId, draftId }: { conferenceId: string; draftId: string }) {
  const t = useT();
  const [draft, setDraft] = useState<DraftVersionView | null>(null);
  const [diff, setDiff] = useState<DraftDiffView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [comparing, setComparing] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.draft(conferenceId, draftId).then((d) => !cancelled && setDraft(d), (caught: unknown) => !cancelled && setError(caught));
    return () => {
      cancelled = true;
    };
  }, [conferenceId, draftId]);

  useEffect(() => {
    if (!comparing || !draft || draft.version < 2 || diff) return;
    api.draftDiff(conferenceId, draftId, draft.version - 1, draft.version).then(setDiff, setError);
  }, [comparing, draft, diff, conferenceId, draftId]);

  if (!draft) return <PageLoading error={error} />;
  const changeOf = new Map(diff?.changes.flatMap((c) => ('after' in c ? [[c.after.id, c.change] as const] : [])) ?? []);
  const removed = diff?.changes.flatMap((c) => (c.change === 'removed' ? [c.before] : [])) ?? [];

  return (
    <div className="page draft-page">
      <Link to={`/conferences/${conferenceId}`}>← {t.drafts.back}</Link>
      <h1 className="draft-page__title">{draft.title}</h1>
      <p className="draft-page__meta">
        {t.drafts.version(draft.version)} · {t.drafts.meta(draft.createdByName, formatTime(draft.createdAt, t.locale))}
      </p>
      {draft.version > 1 && (
        <button type="button" className="button" onClick={() => setComparing((on) => !on)} data-testid="draft-compare">
          {comparing ? t.drafts.hideCompare : t.drafts.compare(draft.version - 1)}
        </button>
      )}
      <ErrorNotice error={error} />
      <ol className="draft-sections">
        {draft.sections.map((section) => (
          <SectionView key={section.id} section={section} change={comparing ? changeOf.get(section.id) : undefined} />
        ))}
        {comparing && removed.map((section) => <SectionView key={`removed-${section.id}`} section={section} change="removed" />)}
      </ol>
    </div>
  );
}

/** Numbered and lettered points (levels 6 and 8 of the domain's outline). */
const POINT_LEVEL = 6;

function SectionView({ section, change }: { section: DraftSectionView; change?: string }) {
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
    </li>
  );
}
