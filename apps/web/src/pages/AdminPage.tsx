import { useState } from 'react';
import { useAuth } from '../auth/AuthContext';
import { useT } from '../i18n/I18nContext';
import { OrgUnitsAdmin } from './admin/OrgUnitsAdmin';
import { UsersAdmin } from './admin/UsersAdmin';

/** The administrator's directory: the administrative units and the user accounts. */
export function AdminPage() {
  const t = useT();
  const { user } = useAuth();
  const [tab, setTab] = useState<'units' | 'users'>('units');
  if (!user?.isAdmin) return <div className="page"><p className="notice notice--error">{t.errors.byCode.ROLE_FORBIDDEN}</p></div>;
  return (
    <div className="page" data-testid="admin-page">
      <div className="page__title-row">
        <h1>{t.admin.title}</h1>
        <div className="button-row" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'units'} className={`button ${tab === 'units' ? 'button--selected' : ''}`} onClick={() => setTab('units')}>{t.admin.units}</button>
          <button type="button" role="tab" aria-selected={tab === 'users'} className={`button ${tab === 'users' ? 'button--selected' : ''}`} data-testid="admin-users-tab" onClick={() => setTab('users')}>{t.admin.users}</button>
        </div>
      </div>
      {tab === 'units' ? <OrgUnitsAdmin /> : <UsersAdmin selfId={user.id} />}
    </div>
  );
}
