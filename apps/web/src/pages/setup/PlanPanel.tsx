import type { ConferenceView } from '@hoinghi/contracts';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { ApiError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FieldError } from '../../components/FieldError';
import { useAction } from '../../hooks/useAction';
import { useT } from '../../i18n/I18nContext';
import { toIso, toLocalInputValue } from '../create/draft';

const toLocalInput = (iso: string) => toLocalInputValue(new Date(iso));

const TITLE_MAX = 300;

/** Title, planned times and quorum rule; once live the rule and the start are shown but locked, as the server holds them. */
export function PlanPanel({ conference, onSaved }: { conference: ConferenceView; onSaved(view: ConferenceView): void }) {
  const t = useT();
  const action = useAction();
  const [title, setTitle] = useState(conference.title);
  const [start, setStart] = useState(toLocalInput(conference.plannedStart));
  const [end, setEnd] = useState(toLocalInput(conference.plannedEnd));
  const [numerator, setNumerator] = useState(conference.quorumNumerator);
  const [denominator, setDenominator] = useState(conference.quorumDenominator);
  const [saved, setSaved] = useState(false);
  const started = conference.status === 'live' || conference.status === 'adjourned';
  const closed = conference.status === 'ended' || conference.status === 'cancelled';
  const fields = action.error instanceof ApiError ? action.error.fields : {};

  const save = () =>
    action.run(async () => {
      setSaved(false);
      const view = await api.updateConference(conference.id, {
        title,
        plannedEnd: toIso(end),
        ...(started ? {} : { plannedStart: toIso(start), quorumNumerator: numerator, quorumDenominator: denominator }),
      });
      onSaved(view);
      setSaved(true);
    });

  return (
    <fieldset className="form-section" data-testid="setup-plan" disabled={closed}>
      <legend>{t.setup.plan}</legend>
      {started && <p className="notice">{t.setup.lockedWhileLive}</p>}
      {closed && <p className="notice">{t.setup.closed}</p>}
      <div className="form-grid">
        <div className="field field--wide">
          <label htmlFor="setup-title">{t.setup.conferenceTitle}</label>
          <input id="setup-title" value={title} maxLength={TITLE_MAX} onChange={(e) => setTitle(e.target.value)} />
          <span className="field-hint">{t.setup.chars(title.length, TITLE_MAX)}</span>
          <FieldError fields={fields} path="title" />
        </div>
        <div className="field">
          <label htmlFor="setup-start">{t.setup.plannedStart}</label>
          <input id="setup-start" type="datetime-local" value={start} disabled={started} onChange={(e) => setStart(e.target.value)} />
          <FieldError fields={fields} path="plannedStart" />
        </div>
        <div className="field">
          <label htmlFor="setup-end">{t.setup.plannedEnd}</label>
          <input id="setup-end" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
          <FieldError fields={fields} path="plannedEnd" />
        </div>
        <div className="field">
          <label htmlFor="setup-quorum">{t.setup.quorum}</label>
          <span className="quorum-inputs">
            <input id="setup-quorum" type="number" min={1} max={100} value={numerator} disabled={started} onChange={(e) => setNumerator(Number(e.target.value))} />
            {t.setup.quorumOf}
            <input aria-label={t.setup.quorum} type="number" min={1} max={100} value={denominator} disabled={started} onChange={(e) => setDenominator(Number(e.target.value))} />
          </span>
          <FieldError fields={fields} path="quorumNumerator" />
          <FieldError fields={fields} path="quorumDenominator" />
        </div>
      </div>
      <ErrorNotice error={action.error} />
      {saved && <p className="notice" role="status">{t.setup.saved}</p>}
      <div className="form-actions">
        <button type="button" className="button button--primary" data-testid="setup-save" disabled={action.busy || !title.trim()} onClick={save}>
          {t.setup.save}
        </button>
      </div>
    </fieldset>
  );
}
