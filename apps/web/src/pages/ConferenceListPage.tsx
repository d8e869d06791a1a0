import type { ConferenceSummary } from '@hoinghi/contracts';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { conferencePath } from '../conference/roles';
import { ErrorNotice } from '../components/ErrorNotice';
import { NoticesPanel } from '../components/NoticesPanel';
import { StatusBadge } from '../components/StatusBadge';
import { formatDateTime } from '../i18n/format';
import { useT } from '../i18n/I18nContext';
import { Link } from '../router';

export function ConferenceListPage() {
  const t = useT();
  const { user } = useAuth();
  const [conferences, setConferences] = useState<ConferenceSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    api.listConferences().then(
      (list) => !cancelled && setConferences(list),
      (caught: unknown) => !cancelled && setError(caught),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const mayConvene = Boolean(user && (user.canConvene || user.isAdmin));

  return (
    <div className="page">
      <div className="page__title-row">
        <h1>{t.list.title}</h1>
        <div className="button-row">
          {user?.isAdmin && (
            <Link to="/admin" className="button" data-testid="admin-link">
              {t.admin.link}
            </Link>
          )}
          {mayConvene && (
            <Link to="/new" className="button button--primary" data-testid="new-conference">
              {t.list.create}
            </Link>
          )}
        </div>
      </div>
      <ErrorNotice error={error} />
      <NoticesPanel pathOf={(id) => {
        const found = conferences?.find((c) => c.id === id);
        return found ? conferencePath(found.id, found.myRoles) : `/conferences/${id}`;
      }} />
      {conferences === null && !error && <p>{t.app.loading}</p>}
      {conferences && (
        <section data-testid="conference-list">
          {conferences.length === 0 ? (
            <p className="empty">{t.list.empty}</p>
          ) : (
            <ul className="conference-list">
              {conferences.map((conference) => (
                <li key={conference.id}>
                  <ConferenceRow conference={conference} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

function ConferenceRow({ conference }: { conference: ConferenceSummary }) {
  const t = useT();
  const roles = [...new Set(conference.myRoles.map((r) => t.role[r.role]))].join(', ');
  const organises = conference.myRoles.some((r) => r.role === 'chair' || r.role === 'co_chair');
  return (
    <div className="conference-row-wrap">
      <ConferenceLink conference={conference} roles={roles} />
      {organises && (
        <Link to={`/conferences/${conference.id}/setup`} className="button button--small" data-testid="setup-link">
          {t.setup.link}
        </Link>
      )}
    </div>
  );
}

function ConferenceLink({ conference, roles }: { conference: ConferenceSummary; roles: string }) {
  const t = useT();
  return (
    <Link to={conferencePath(conference.id, conference.myRoles)} className="conference-row" data-testid="conference-row" data-id={conference.id}>
      <span className="conference-row__title">{conference.title}</span>
      <StatusBadge status={conference.status} />
      <span className="conference-row__meta">
        {t.conferenceKind[conference.kind]} · {t.list.hostUnit}: {conference.hostUnitName} · {t.list.sites(conference.siteCount)}
      </span>
      <span className="conference-row__meta">
        {t.list.plannedStart}: {formatDateTime(conference.plannedStart, t.locale)} · {t.list.myRoles}: {roles}
      </span>
    </Link>
  );
}
