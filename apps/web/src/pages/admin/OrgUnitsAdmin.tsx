import { ORG_UNIT_LEVELS, type OrgUnitLevel, type OrgUnitView } from '@hoinghi/contracts';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FieldError } from '../../components/FieldError';
import { OrgUnitPicker } from '../../components/OrgUnitPicker';
import { useAction } from '../../hooks/useAction';
import { formatDate, vietnamDay, vietnamDayStart } from '../../i18n/format';
import { useT } from '../../i18n/I18nContext';

/** Browse the tree level by level or search it (diacritics optional); add, rename, relabel and move units, record a new term. */
export function OrgUnitsAdmin() {
  const t = useT();
  const action = useAction();
  const [path, setPath] = useState<OrgUnitView[]>([]);
  const [query, setQuery] = useState('');
  const [units, setUnits] = useState<OrgUnitView[]>([]);
  const parent = path.at(-1) ?? null;

  const load = useCallback(async () => {
    const q = query.trim();
    setUnits(q ? await api.searchOrgUnits(q) : parent ? await api.childOrgUnits(parent.id) : await api.rootOrgUnits());
  }, [query, parent]);
  useEffect(() => {
    const timer = window.setTimeout(() => void action.run(load), 250);
    return () => window.clearTimeout(timer);
  }, [load]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <section className="panel" data-testid="admin-units">
      <div className="filter-row">
        <input type="search" placeholder={t.admin.searchUnits} aria-label={t.admin.searchUnits} value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <p className="breadcrumbs">
        <button type="button" className="button button--small" disabled={!parent} onClick={() => setPath([])}>{t.admin.roots}</button>
        {path.map((u, i) => (
          <button key={u.id} type="button" className="button button--small" onClick={() => setPath(path.slice(0, i + 1))}>› {u.name}</button>
        ))}
      </p>
      <ErrorNotice error={action.error} />
      <ul className="unit-list">
        {units.map((u) => <UnitRow key={u.id} unit={u} onOpen={() => { setQuery(''); setPath([...path, u]); }} onChanged={() => void action.run(load)} />)}
      </ul>
      <NewUnit key={parent?.id ?? 'root'} parent={parent} onCreated={() => void action.run(load)} />
    </section>
  );
}

function UnitRow({ unit, onOpen, onChanged }: { unit: OrgUnitView; onOpen(): void; onChanged(): void }) {
  const t = useT();
  const action = useAction();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(unit.name);
  const [level, setLevel] = useState<OrgUnitLevel>(unit.level);
  const [moveTo, setMoveTo] = useState<OrgUnitView | null>(null);
  const [termDay, setTermDay] = useState(vietnamDay(unit.termStartedAt));
  const fields = action.error instanceof ApiError ? action.error.fields : {};
  const save = () =>
    action.run(async () => {
      await api.updateOrgUnit(unit.id, { name, level, termStartedAt: vietnamDayStart(termDay), ...(moveTo ? { parentId: moveTo.id } : {}) });
      setEditing(false);
      onChanged();
    });
  if (!editing) {
    return (
      <li className="unit-row" data-testid="unit-row">
        <span>
          <strong>{unit.name}</strong> <span className="muted">· {t.admin.levels[unit.level]}</span>
          {unit.termStartedAt && <span className="muted" data-testid="unit-term"> · {t.admin.termSince(formatDate(unit.termStartedAt, t.locale))}</span>}
        </span>
        <span className="button-row">
          <button type="button" className="button button--small" onClick={onOpen}>{t.admin.open}</button>
          <button type="button" className="button button--small" onClick={() => setEditing(true)}>{t.admin.rename} / {t.admin.move}</button>
        </span>
      </li>
    );
  }
  return (
    <li className="unit-row unit-row--editing">
      <div className="form-grid">
        <label className="field">{t.admin.unitName}<input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} /></label>
        <label className="field">{t.admin.level}
          <select value={level} onChange={(e) => setLevel(e.target.value as OrgUnitLevel)}>
            {ORG_UNIT_LEVELS.map((l) => <option key={l} value={l}>{t.admin.levels[l]}</option>)}
          </select>
        </label>
        <label className="field field--wide">{t.admin.termStartedOn}
          <input type="date" value={termDay} onChange={(e) => setTermDay(e.target.value)} data-testid="unit-term-input" aria-invalid={Boolean(fields.termStartedAt)} />
          <FieldError fields={fields} path="termStartedAt" />
        </label>
        <div className="field field--wide">
          <label htmlFor={`move-${unit.id}`}>{t.admin.moveTo}</label>
          <OrgUnitPicker inputId={`move-${unit.id}`} value={moveTo} onChange={setMoveTo} invalid={Boolean(fields.parentId)} />
          <FieldError fields={fields} path="parentId" />
        </div>
      </div>
      <ErrorNotice error={action.error} />
      <div className="button-row">
        <button type="button" className="button button--primary button--small" disabled={action.busy || !name.trim()} onClick={save}>{t.admin.save}</button>
        <button type="button" className="button button--small" onClick={() => setEditing(false)}>{t.admin.cancel}</button>
      </div>
    </li>
  );
}

function NewUnit({ parent, onCreated }: { parent: OrgUnitView | null; onCreated(): void }) {
  const t = useT();
  const action = useAction();
  const [name, setName] = useState('');
  const [level, setLevel] = useState<OrgUnitLevel>(parent ? 'commune' : 'province');
  const fields = action.error instanceof ApiError ? action.error.fields : {};
  const create = () =>
    action.run(async () => {
      await api.createOrgUnit({ name: name.trim(), level, ...(parent ? { parentId: parent.id } : {}) });
      setName('');
      onCreated();
    });
  return (
    <div className="add-person">
      <h3>{t.admin.newUnit} — {t.admin.parent}: {parent?.name ?? t.admin.noParent}</h3>
      <div className="filter-row">
        <input aria-label={t.admin.unitName} placeholder={t.admin.unitName} data-testid="new-unit-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        <select aria-label={t.admin.level} value={level} onChange={(e) => setLevel(e.target.value as OrgUnitLevel)}>
          {ORG_UNIT_LEVELS.map((l) => <option key={l} value={l}>{t.admin.levels[l]}</option>)}
        </select>
        <button type="button" className="button button--primary" data-testid="new-unit-submit" disabled={action.busy || !name.trim()} onClick={create}>{t.admin.newUnit}</button>
      </div>
      <FieldError fields={fields} path="name" />
      <ErrorNotice error={action.error} />
    </div>
  );
}
