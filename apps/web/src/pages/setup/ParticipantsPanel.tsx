import { PARTICIPANT_ROLES, type ParticipantRole, type ParticipantView, type SiteView, type UserView } from '@hoinghi/contracts';
import { foldVietnamese, SITE_ROLES } from '@hoinghi/domain';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/endpoints';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAction } from '../../hooks/useAction';
import { useT } from '../../i18n/I18nContext';

interface Props {
  conferenceId: string;
  sites: SiteView[];
  people: ParticipantView[];
  closed: boolean;
  onChanged(): void;
}

/** Everyone with a role, by site, with their voting right; people added from the directory, roles edited and removed. */
export function ParticipantsPanel({ conferenceId, sites, people, closed, onChanged }: Props) {
  const t = useT();
  const action = useAction();
  const [siteFilter, setSiteFilter] = useState('');
  const [nameFilter, setNameFilter] = useState('');
  const siteName = (id: string | null) => sites.find((s) => s.id === id)?.name ?? t.setup.noSite;
  const shown = useMemo(() => {
    const q = foldVietnamese(nameFilter);
    return people.filter((p) => (!siteFilter || p.siteId === siteFilter) && (!q || foldVietnamese(p.fullName).includes(q)));
  }, [people, siteFilter, nameFilter]);

  const change = (p: ParticipantView, body: { role?: ParticipantRole; siteId?: string; votingRight?: boolean }) =>
    action.run(async () => {
      await api.updateParticipant(conferenceId, p.id, body);
      onChanged();
    });
  const remove = (p: ParticipantView) => {
    if (!window.confirm(t.setup.confirmRemove(p.fullName))) return;
    void action.run(async () => {
      await api.removeParticipant(conferenceId, p.id);
      onChanged();
    });
  };

  return (
    <fieldset className="form-section" data-testid="setup-people" disabled={closed}>
      <legend>{t.setup.people} ({t.setup.peopleCount(people.length)})</legend>
      <AddPerson conferenceId={conferenceId} sites={sites} onAdded={onChanged} />
      <div className="filter-row">
        <label>
          {t.setup.filterSite}{' '}
          <select value={siteFilter} onChange={(e) => setSiteFilter(e.target.value)} data-testid="people-site-filter">
            <option value="">{t.setup.allSites}</option>
            {sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <input type="search" placeholder={t.setup.filterName} aria-label={t.setup.filterName} value={nameFilter} onChange={(e) => setNameFilter(e.target.value)} />
      </div>
      <ErrorNotice error={action.error} />
      <div className="table-scroll">
        <table className="data-table data-table--cards" data-testid="people-table">
          <thead>
            <tr><th>{t.setup.name}</th><th>{t.setup.role}</th><th>{t.setup.site}</th><th title={t.setup.votingRightHint}>{t.setup.votingRight}</th><th /></tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.id} data-testid="person-row">
                <td>{p.fullName}</td>
                <td>
                  <select aria-label={t.setup.role} value={p.role} disabled={action.busy} onChange={(e) => change(p, { role: e.target.value as ParticipantRole })}>
                    {PARTICIPANT_ROLES.map((r) => <option key={r} value={r}>{t.role[r]}</option>)}
                  </select>
                </td>
                <td>
                  <select aria-label={t.setup.site} value={p.siteId ?? ''} disabled={action.busy} onChange={(e) => change(p, { siteId: e.target.value })}>
                    {!p.siteId && <option value="">{t.setup.noSite}</option>}
                    {sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                  </select>
                  <span className="sr-only">{siteName(p.siteId)}</span>
                </td>
                <td>
                  <label className="vote-cell" title={p.role === 'delegate' ? '' : t.setup.votingRightHint}>
                    <input
                      type="checkbox" aria-label={t.setup.votingRight}
                      checked={p.votingRight} disabled={action.busy || p.role !== 'delegate'} onChange={(e) => change(p, { votingRight: e.target.checked })}
                    />
                    <span className="cards-only">{t.setup.votingRight}</span>
                  </label>
                </td>
                <td><button type="button" className="button button--small button--danger" disabled={action.busy} onClick={() => remove(p)}>{t.setup.remove}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

function AddPerson({ conferenceId, sites, onAdded }: { conferenceId: string; sites: SiteView[]; onAdded(): void }) {
  const t = useT();
  const action = useAction();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<UserView[] | null>(null);
  const [person, setPerson] = useState<UserView | null>(null);
  const [role, setRole] = useState<ParticipantRole>('delegate');
  const [siteId, setSiteId] = useState(sites.find((s) => !s.isMain)?.id ?? sites[0]?.id ?? '');
  const [votingRight, setVotingRight] = useState(true);

  useEffect(() => {
    const q = query.trim();
    if (!q) return setFound(null);
    let cancelled = false;
    const timer = window.setTimeout(() => {
      api.searchUsers(q).then((page) => !cancelled && setFound(page.items), () => !cancelled && setFound([]));
    }, 250);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [query]);

  const add = () =>
    action.run(async () => {
      await api.addParticipant(conferenceId, { userId: person!.id, role, ...(SITE_ROLES.includes(role) || siteId ? { siteId } : {}), votingRight: role === 'delegate' ? votingRight : false });
      setPerson(null);
      setQuery('');
      onAdded();
    });

  return (
    <div className="add-person">
      <h3>{t.setup.addPerson}</h3>
      {person ? (
        <p><strong>{person.fullName}</strong> ({person.username}) <button type="button" className="button button--small" onClick={() => setPerson(null)}>✕</button></p>
      ) : (
        <div className="org-unit-picker">
          <input type="search" data-testid="person-search" placeholder={t.setup.searchPerson} aria-label={t.setup.searchPerson} value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
          {found && (
            <ul className="org-unit-picker__results">
              {found.length === 0 && <li className="org-unit-picker__hint">{t.setup.noMatch}</li>}
              {found.map((u) => (
                <li key={u.id}>
                  <button type="button" className="org-unit-picker__option" onClick={() => setPerson(u)}>{u.fullName} · {u.username}</button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="filter-row">
        <select aria-label={t.setup.role} value={role} onChange={(e) => setRole(e.target.value as ParticipantRole)}>
          {PARTICIPANT_ROLES.map((r) => <option key={r} value={r}>{t.role[r]}</option>)}
        </select>
        <select aria-label={t.setup.site} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
          {sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
        <label title={t.setup.votingRightHint}>
          <input type="checkbox" checked={role === 'delegate' && votingRight} disabled={role !== 'delegate'} onChange={(e) => setVotingRight(e.target.checked)} /> {t.setup.votingRight}
        </label>
        <button type="button" className="button button--primary" data-testid="person-add" disabled={!person || action.busy} onClick={add}>{t.setup.add}</button>
      </div>
      <ErrorNotice error={action.error} />
    </div>
  );
}
