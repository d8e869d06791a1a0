import type { ImportPreview, ImportResult } from '@hoinghi/contracts';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAction } from '../../hooks/useAction';
import { useT } from '../../i18n/I18nContext';

/** The list from a spreadsheet: check it (every row, every error with its row and column), then import all of it. */
export function ImportPanel({ conferenceId, closed, onImported }: { conferenceId: string; closed: boolean; onImported(): void }) {
  const t = useT();
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const check = () =>
    action.run(async () => {
      setResult(null);
      setPreview(await api.previewImport(conferenceId, file!));
    });
  const commit = () =>
    action.run(async () => {
      setResult(await api.importParticipants(conferenceId, file!));
      setPreview(null);
      onImported();
    });
  const errorsOf = (row: number) => preview?.errors.filter((e) => e.row === row) ?? [];
  const toApply = preview ? preview.counts.add + preview.counts.createUser : 0;

  return (
    <fieldset className="form-section" data-testid="setup-import" disabled={closed}>
      <legend>{t.setup.importTitle}</legend>
      <p className="muted">{t.setup.importHint}</p>
      <div className="filter-row">
        <label className="button">
          {t.setup.chooseFile}
          <input
            type="file" className="sr-only" data-testid="import-file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
            }}
          />
        </label>
        <span>{file?.name}</span>
        <button type="button" className="button button--primary" data-testid="import-preview" disabled={!file || action.busy} onClick={check}>{t.setup.preview}</button>
      </div>
      <ErrorNotice error={action.error} />
      {preview && (
        <>
          <p data-testid="import-counts">{t.setup.counts(preview.counts)}</p>
          {preview.errors.length > 0 && <p className="notice notice--error" role="alert">{t.setup.importBlocked}</p>}
          <div className="table-scroll">
            <table className="data-table" data-testid="import-preview-table">
              <thead>
                <tr><th>{t.setup.row}</th><th>{t.setup.name}</th><th>{t.setup.role}</th><th>{t.setup.site}</th><th>{t.setup.votingRight}</th><th>{t.setup.username}</th><th>{t.setup.action}</th></tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.row} className={r.action === 'invalid' ? 'row--invalid' : undefined} data-testid="import-row">
                    <td>{r.row}</td>
                    <td>{r.fullName}<br /><span className="muted">{r.position}</span></td>
                    <td>{r.role ? t.role[r.role] : ''}</td>
                    <td>{r.siteName ?? ''}</td>
                    <td>{r.role === 'delegate' ? (r.votingRight ? t.setup.yes : t.setup.no) : ''}</td>
                    <td>{r.username}</td>
                    <td>
                      {t.setup.actions[r.action]}
                      {errorsOf(r.row).map((e) => (
                        <span key={`${e.column}-${e.code}`} className="field-error" data-testid="import-error">
                          {e.column ? `${t.setup.columns[e.column]}: ` : ''}{t.importRowError[e.code]}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form-actions">
            <button type="button" className="button button--primary" data-testid="import-commit" disabled={action.busy || preview.errors.length > 0 || toApply === 0} onClick={commit}>
              {t.setup.importNow(toApply)}
            </button>
          </div>
        </>
      )}
      {result && (
        <div data-testid="import-result">
          <p className="notice" role="status">{t.setup.imported(result.added.length)}</p>
          {result.createdUsers.length > 0 && (
            <>
              <h3>{t.setup.passwordsTitle}</h3>
              <p className="notice notice--warning">{t.setup.passwordsHint}</p>
              <div className="table-scroll">
                <table className="data-table" data-testid="import-passwords">
                  <thead><tr><th>{t.setup.name}</th><th>{t.setup.username}</th><th>{t.setup.password}</th></tr></thead>
                  <tbody>
                    {result.createdUsers.map((u) => <tr key={u.userId}><td>{u.fullName}</td><td>{u.username}</td><td><code>{u.password}</code></td></tr>)}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      )}
    </fieldset>
  );
}
