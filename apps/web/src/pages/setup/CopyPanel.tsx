import type { ConferenceView } from '@hoinghi/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FieldError } from '../../components/FieldError';
import { useAction } from '../../hooks/useAction';
import { useT } from '../../i18n/I18nContext';
import { navigate } from '../../router';
import { toIso, toLocalInputValue } from '../create/draft';

/** A new draft from this conference: same sites, agenda and people; then its own setup page. */
export function CopyPanel({ conference }: { conference: ConferenceView }) {
  const t = useT();
  const action = useAction();
  const [title, setTitle] = useState(conference.title);
  const [start, setStart] = useState(toLocalInputValue(new Date(conference.plannedStart)));
  const [end, setEnd] = useState(toLocalInputValue(new Date(conference.plannedEnd)));
  const fields = action.error instanceof ApiError ? action.error.fields : {};
  const copy = () =>
    action.run(async () => {
      const copied = await api.copyConference(conference.id, { title: title.trim(), plannedStart: toIso(start), plannedEnd: toIso(end) });
      navigate(`/conferences/${copied.conference.id}/setup`);
    });
  return (
    <fieldset className="form-section" data-testid="setup-copy">
      <legend>{t.setup.copyTitle}</legend>
      <p className="muted">{t.setup.copyHint}</p>
      <div className="form-grid">
        <div className="field field--wide">
          <label htmlFor="copy-title">{t.setup.copyNewTitle}</label>
          <input id="copy-title" value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} />
          <FieldError fields={fields} path="title" />
        </div>
        <div className="field">
          <label htmlFor="copy-start">{t.setup.plannedStart}</label>
          <input id="copy-start" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="copy-end">{t.setup.plannedEnd}</label>
          <input id="copy-end" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
          <FieldError fields={fields} path="plannedEnd" />
        </div>
      </div>
      <ErrorNotice error={action.error} />
      <div className="form-actions">
        <button type="button" className="button" data-testid="copy-submit" disabled={action.busy || !title.trim()} onClick={copy}>{t.setup.copy}</button>
      </div>
    </fieldset>
  );
}
