import type { UserView } from '@hoinghi/contracts';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FieldError } from '../../components/FieldError';
import { useAction } from '../../hooks/useAction';
import { useT } from '../../i18n/I18nContext';

/** Accounts: find, create (one-time password shown once), reset a password, disable or enable. */
export function UsersAdmin({ selfId }: { selfId: string }) {
  const t = useT();
  const action = useAction();
  const [query, setQuery] = useState('');
  const [users, setUsers] = useState<UserView[]>([]);
  const [total, setTotal] = useState(0);
  const [issued, setIssued] = useState<string | null>(null);

  const load = useCallback(async () => {
    const page = await api.searchUsers(query.trim(), 50);
    setUsers(page.items);
    setTotal(page.total);
  }, [query]);
  useEffect(() => {
    const timer = window.setTimeout(() => void action.run(load), 250);
    return () => window.clearTimeout(timer);
  }, [load]); // eslint-disable-line react-hooks/exhaustive-deps

  const act = (work: () => Promise<unknown>) => action.run(async () => {
    await work();
    await load();
  });
  const reset = (u: UserView) => act(async () => setIssued(t.admin.newPassword(u.username, (await api.resetPassword(u.id)).password)));
  const toggle = (u: UserView) => {
    if (!u.disabled && !window.confirm(t.admin.confirmDisable(u.fullName))) return;
    void act(() => api.updateUser(u.id, { disabled: !u.disabled }));
  };

  return (
    <section className="panel" data-testid="admin-users">
      <NewUser onCreated={(username, password) => { setIssued(t.admin.newPassword(username, password)); void action.run(load); }} />
      {issued && <p className="notice notice--warning" role="status" data-testid="issued-password">{issued}</p>}
      <div className="filter-row">
        <input type="search" placeholder={t.admin.searchUsers} aria-label={t.admin.searchUsers} value={query} onChange={(e) => setQuery(e.target.value)} />
        <span className="muted">{t.admin.total(total)}</span>
      </div>
      <ErrorNotice error={action.error} />
      <div className="table-scroll">
        <table className="data-table">
          <thead><tr><th>{t.admin.fullName}</th><th>{t.admin.username}</th><th /><th /></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid="user-row">
                <td>{u.fullName}</td>
                <td>{u.username}</td>
                <td>
                  <span className={`badge ${u.disabled ? 'badge--cancelled' : 'badge--live'}`}>{u.disabled ? t.admin.disabled : t.admin.active}</span>
                  {u.isAdmin && <span className="badge">{t.admin.isAdmin}</span>}
                  {u.canConvene && <span className="badge">{t.admin.canConvene}</span>}
                </td>
                <td className="button-row">
                  <button type="button" className="button button--small" disabled={action.busy} onClick={() => reset(u)}>{t.admin.resetPassword}</button>
                  {u.id !== selfId && (
                    <button type="button" className="button button--small button--danger" disabled={action.busy} onClick={() => toggle(u)}>{u.disabled ? t.admin.enable : t.admin.disable}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function NewUser({ onCreated }: { onCreated(username: string, password: string): void }) {
  const t = useT();
  const action = useAction();
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [canConvene, setCanConvene] = useState(false);
  const [isAdmin, setIsAdmin] = useState(false);
  const fields = action.error instanceof ApiError ? action.error.fields : {};
  const create = () =>
    action.run(async () => {
      const made = await api.createUser({ username: username.trim().toLowerCase(), fullName: fullName.trim(), canConvene, isAdmin });
      setUsername('');
      setFullName('');
      onCreated(made.user.username, made.password);
    });
  return (
    <div className="add-person">
      <h3>{t.admin.newUser}</h3>
      <div className="filter-row">
        <input aria-label={t.admin.fullName} placeholder={t.admin.fullName} value={fullName} maxLength={200} onChange={(e) => setFullName(e.target.value)} />
        <input aria-label={t.admin.username} placeholder={t.admin.username} value={username} maxLength={64} onChange={(e) => setUsername(e.target.value)} />
        <label><input type="checkbox" checked={canConvene} onChange={(e) => setCanConvene(e.target.checked)} /> {t.admin.canConvene}</label>
        <label><input type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} /> {t.admin.isAdmin}</label>
        <button type="button" className="button button--primary" disabled={action.busy || !username.trim() || !fullName.trim()} onClick={create}>{t.admin.newUser}</button>
      </div>
      <FieldError fields={fields} path="username" />
      <FieldError fields={fields} path="fullName" />
      <ErrorNotice error={action.error} />
    </div>
  );
}
