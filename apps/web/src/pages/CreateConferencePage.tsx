import { CONFERENCE_KINDS, type ConferenceKind, type OrgUnitView } from '@hoinghi/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { translatedFields } from '../api/field-problems';
import { ErrorNotice } from '../components/ErrorNotice';
import { FieldError } from '../components/FieldError';
import { OrgUnitPicker } from '../components/OrgUnitPicker';
import { useAction } from '../hooks/useAction';
import { useT } from '../i18n/I18nContext';
import type { Dictionary } from '../i18n/vi';
import { Link, navigate } from '../router';
import { AgendaEditor } from './create/AgendaEditor';
import { newConferenceDraft, toCreateRequest, type ConferenceDraft } from './create/draft';
import { SitesEditor } from './create/SitesEditor';

export function CreateConferencePage() {
  const t = useT();
  const [draft, setDraft] = useState<ConferenceDraft>(newConferenceDraft);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const action = useAction();
  const hasFieldErrors = Object.keys(fields).length > 0;
  const isValidationError = action.error instanceof ApiError && Object.keys(action.error.fields).length > 0;

  // An error goes away as soon as the user edits the field it is about.
  const edit = (next: (current: ConferenceDraft) => ConferenceDraft) => {
    const updated = next(draft);
    const changed = changedPaths(toCreateRequest(draft), toCreateRequest(updated));
    setDraft(updated);
    setFields((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !changed.some((c) => c === path || c.startsWith(`${path}.`)))));
  };
  const change = (patch: Partial<ConferenceDraft>) => edit((current) => ({ ...current, ...patch }));

  // The host unit usually is the main site's unit too; fill it in while the main site has none.
  const pickHostUnit = (unit: OrgUnitView | null) =>
    edit((current) => {
      const [main, ...others] = current.sites;
      const mainSite = unit && !main.orgUnit ? { ...main, orgUnit: unit, name: main.name || `${t.create.sitePrefix} ${unit.name}` } : main;
      return { ...current, hostUnit: unit, sites: [mainSite, ...others] };
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFields({});
    await action.run(async () => {
      try {
        const created = await api.createConference(toCreateRequest(draft));
        navigate(`/conferences/${created.conference.id}`);
      } catch (error) {
        if (error instanceof ApiError) setFields(translatedFields(error, t));
        throw error;
      }
    });
  };

  return (
    <form className="page create-form" onSubmit={submit} noValidate>
      <h1>{t.create.title}</h1>

      <fieldset className="form-section">
        <div className="form-grid">
          <div className="field field--wide">
            <label htmlFor="conference-title-input">{t.create.conferenceTitle}</label>
            <input id="conference-title-input" value={draft.title} onChange={(event) => change({ title: event.target.value })} />
            <FieldError fields={fields} path="title" />
          </div>
          <div className="field">
            <label htmlFor="conference-kind">{t.create.kind}</label>
            <select id="conference-kind" value={draft.kind} onChange={(event) => change({ kind: event.target.value as ConferenceKind })}>
              {CONFERENCE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t.conferenceKind[kind]}
                </option>
              ))}
            </select>
            <FieldError fields={fields} path="kind" />
          </div>
          <div className="field">
            <label htmlFor="conference-host-unit">{t.create.hostUnit}</label>
            <OrgUnitPicker inputId="conference-host-unit" value={draft.hostUnit} invalid={Boolean(fields.hostUnitId)} onChange={pickHostUnit} />
            <FieldError fields={fields} path="hostUnitId" />
          </div>
          <div className="field">
            <label htmlFor="conference-start">{t.create.plannedStart}</label>
            <input id="conference-start" type="datetime-local" value={draft.plannedStart} onChange={(event) => change({ plannedStart: event.target.value })} />
            <FieldError fields={fields} path="plannedStart" />
          </div>
          <div className="field">
            <label htmlFor="conference-end">{t.create.plannedEnd}</label>
            <input id="conference-end" type="datetime-local" value={draft.plannedEnd} onChange={(event) => change({ plannedEnd: event.target.value })} />
            <FieldError fields={fields} path="plannedEnd" />
          </div>
        </div>
      </fieldset>

      <SitesEditor sites={draft.sites} onChange={(sites) => change({ sites })} fields={fields} />
      <AgendaEditor items={draft.agenda} onChange={(agenda) => change({ agenda })} fields={fields} />

      {hasFieldErrors ? (
        <div className="notice notice--error" role="alert">
          <p>{t.create.fixErrors}</p>
          <ul>
            {Object.entries(fields).map(([path, messages]) => (
              <li key={path}>
                {describeField(path, t)}: {messages.join('; ')}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        !isValidationError && <ErrorNotice error={action.error} />
      )}

      <div className="form-actions">
        <Link to="/" className="button">
          {t.create.cancel}
        </Link>
        <button type="submit" className="button button--primary" data-testid="create-submit" disabled={action.busy}>
          {action.busy ? t.create.submitting : t.create.submit}
        </button>
      </div>
    </form>
  );
}

/** `sites.2.orgUnitId` → "Điểm cầu 2 › Đơn vị", so the summary speaks the form's words. */
function describeField(path: string, t: Dictionary): string {
  const labels: Record<string, string> = {
    title: t.create.conferenceTitle,
    kind: t.create.kind,
    hostUnitId: t.create.hostUnit,
    plannedStart: t.create.plannedStart,
    plannedEnd: t.create.plannedEnd,
    sites: t.create.sites,
    agenda: t.create.agenda,
    name: t.create.siteName,
    place: t.create.sitePlace,
    orgUnitId: t.create.siteOrgUnit,
    parentKey: t.create.parentSite,
    presenter: t.create.presenter,
    plannedMinutes: t.create.plannedMinutes,
  };
  const [section, index, field] = path.split('.');
  if (section === 'sites' && index !== undefined) {
    const site = Number(index) === 0 ? t.create.mainSite : t.create.connectedSite(Number(index));
    return field ? `${site} › ${labels[field] ?? field}` : site;
  }
  if (section === 'agenda' && index !== undefined) {
    const itemLabels: Record<string, string> = { title: t.create.itemTitle, kind: t.create.itemKind };
    const item = `${t.create.agenda} ${Number(index) + 1}`;
    return field ? `${item} › ${itemLabels[field] ?? labels[field] ?? field}` : item;
  }
  return labels[path] ?? path;
}

/** Paths (`sites.1.name`) whose value differs between two request bodies. */
function changedPaths(before: unknown, after: unknown): string[] {
  const a = flatten(before);
  const b = flatten(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((path) => a.get(path) !== b.get(path));
}

function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}
