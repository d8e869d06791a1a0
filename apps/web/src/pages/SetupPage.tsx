import type { ConferenceSnapshot, ParticipantView } from '@hoinghi/contracts';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusBadge } from '../components/StatusBadge';
import { useT } from '../i18n/I18nContext';
import { Link } from '../router';
import { CopyPanel } from './setup/CopyPanel';
import { ImportPanel } from './setup/ImportPanel';
import { ParticipantsPanel } from './setup/ParticipantsPanel';
import { PlanPanel } from './setup/PlanPanel';
import { SitesPanel } from './setup/SitesPanel';

/** The organiser's page: the plan, the sites, the people (by hand or from a spreadsheet), a copy for next time. */
export function SetupPage({ conferenceId }: { conferenceId: string }) {
  const t = useT();
  const [snapshot, setSnapshot] = useState<ConferenceSnapshot | null>(null);
  const [people, setPeople] = useState<ParticipantView[]>([]);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      const [next, list] = await Promise.all([api.getConference(conferenceId), api.participants(conferenceId)]);
      setSnapshot(next);
      setPeople(list);
    } catch (caught) {
      setError(caught);
    }
  }, [conferenceId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (!snapshot) return <div className="page">{error ? <ErrorNotice error={error} /> : <p>{t.app.loading}</p>}</div>;
  const { conference } = snapshot;
  const closed = conference.status === 'ended' || conference.status === 'cancelled';
  return (
    <div className="page setup-page" data-testid="setup-page">
      <div className="page__title-row">
        <div>
          <p className="conference-header__eyebrow">{t.setup.title}</p>
          <h1>{conference.title} <StatusBadge status={conference.status} /></h1>
        </div>
        <Link to={`/conferences/${conferenceId}`} className="button">{t.setup.openConsole}</Link>
      </div>
      <ErrorNotice error={error} />
      <PlanPanel key={`${conference.id}-${conference.status}`} conference={conference} onSaved={(view) => setSnapshot({ ...snapshot, conference: view })} />
      <ImportPanel conferenceId={conferenceId} closed={closed} onImported={reload} />
      <ParticipantsPanel conferenceId={conferenceId} sites={snapshot.sites} people={people} closed={closed} onChanged={reload} />
      <SitesPanel conferenceId={conferenceId} sites={snapshot.sites} closed={closed} onAdded={reload} />
      <CopyPanel conference={conference} />
    </div>
  );
}
