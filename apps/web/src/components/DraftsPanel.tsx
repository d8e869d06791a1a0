import type { DraftSummary } from '@hoinghi/contracts';
import { useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import { useAction } from '../hooks/useAction';
import { useT } from '../i18n/I18nContext';
import { Link } from '../router';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  conferenceId: string;
  drafts: DraftSummary[];
  /** The secretariat and the chairs put drafts to the conference. */
  canManage: boolean;
}

/** The drafts put to the conference, each a link to read it section by section. */
export function DraftsPanel({ conferenceId, drafts, canManage }: Props) {
  const t = useT();
  return (
    <section className="panel" data-testid="drafts-panel">
      <header className="panel__header">
        <h2>{t.drafts.title}</h2>
      </header>
      {drafts.length === 0 && <p className="empty">{t.drafts.empty}</p>}
      <ul className="drafts">
        {drafts.map((draft) => (
          <li key={draft.id} className="drafts__item" data-testid="draft-row">
            <Link to={`/conferences/${conferenceId}/drafts/${draft.id}`} className="drafts__title">
              {draft.title}
            </Link>
            <span className="drafts__meta">
              {t.drafts.version(draft.currentVersion)} · {t.drafts.sections(draft.sectionCount)} · {t.drafts.consultation[draft.consultation]}
            </span>
          </li>
        ))}
      </ul>
      {canManage && <DraftUpload conferenceId={conferenceId} />}
    </section>
  );
}

function DraftUpload({ conferenceId }: { conferenceId: string }) {
  const t = useT();
  const action = useAction();
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || !title.trim()) return;
    // The new draft reaches this list like everyone else's, as a change of the conference.
    if (await action.run(() => api.importDraft(conferenceId, file, title.trim()))) {
      setTitle('');
      setFile(null);
    }
  };

  return (
    <form className="draft-upload" onSubmit={submit}>
      <h3>{t.drafts.upload}</h3>
      <label>
        {t.drafts.uploadTitle}
        <input value={title} maxLength={300} required onChange={(e) => setTitle(e.target.value)} data-testid="draft-title" />
      </label>
      {/* The browser's own file input speaks the browser's language ("Choose File"): a button of ours instead. */}
      <span className="field-label">{t.drafts.uploadFile}</span>
      <span className="file-pick">
        <label className="button button--small">
          {t.drafts.chooseFile}
          <input
            type="file" className="sr-only"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="draft-file"
          />
        </label>
        <span className="file-pick__name">{file?.name ?? t.drafts.noFile}</span>
      </span>
      <ErrorNotice error={action.error} />
      <button type="submit" className="button button--primary" disabled={action.busy || !file || !title.trim()} data-testid="draft-upload">
        {t.drafts.uploadSubmit}
      </button>
    </form>
  );
}
