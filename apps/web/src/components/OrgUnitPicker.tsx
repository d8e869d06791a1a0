import type { OrgUnitView } from '@hoinghi/contracts';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import { useT } from '../i18n/I18nContext';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  inputId: string;
  value: OrgUnitView | null;
  onChange(unit: OrgUnitView | null): void;
  invalid?: boolean;
}

const SEARCH_DELAY_MS = 250;

/** Picks an organisation unit by typing part of its name; the server folds diacritics ("thap muoi" finds "Tháp Mười"). */
export function OrgUnitPicker({ inputId, value, onChange, invalid = false }: Props) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<OrgUnitView[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults(null);
      return;
    }
    let cancelled = false;
    // Wait for a pause in typing so each keystroke does not hit the server.
    const timer = window.setTimeout(() => {
      api.searchOrgUnits(q).then(
        (units) => {
          if (cancelled) return;
          setResults(units);
          setError(null);
        },
        (caught: unknown) => !cancelled && setError(caught),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [query]);

  if (value) {
    return (
      <div className="org-unit-picker org-unit-picker--chosen">
        <span id={inputId} className="org-unit-picker__chosen">
          {value.name}
        </span>
        <button type="button" className="button button--small" onClick={() => onChange(null)}>
          {t.orgUnitPicker.change}
        </button>
      </div>
    );
  }

  const choose = (unit: OrgUnitView) => {
    setQuery('');
    setResults(null);
    onChange(unit);
  };

  return (
    <div className="org-unit-picker">
      <input
        id={inputId}
        data-testid="org-unit-search"
        type="search"
        value={query}
        placeholder={t.orgUnitPicker.placeholder}
        aria-invalid={invalid}
        autoComplete="off"
        onChange={(event) => {
          setQuery(event.target.value);
          setResults(null);
        }}
      />
      <ErrorNotice error={error} />
      {query.trim() && (
        <ul className="org-unit-picker__results" role="listbox">
          {results === null && <li className="org-unit-picker__hint">{t.orgUnitPicker.searching}</li>}
          {results?.length === 0 && <li className="org-unit-picker__hint">{t.orgUnitPicker.noResults}</li>}
          {results?.map((unit) => (
            <li key={unit.id} role="option" aria-selected="false">
              <button type="button" className="org-unit-picker__option" data-testid="org-unit-option" onClick={() => choose(unit)}>
                {unit.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
