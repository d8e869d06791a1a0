import { lazy, Suspense } from 'react';
import { api } from '../api/endpoints';
import { ActiveAgendaItem } from '../components/ActiveAgendaItem';
import { ConferenceHeader } from '../components/ConferenceHeader';
import { StatusBanner } from '../components/StatusBanner';
import { DraftsPanel } from '../components/DraftsPanel';
import { MinutesPanel } from '../components/MinutesPanel';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLoading } from '../components/PageLoading';
import { PollsPanel } from '../components/PollsPanel';
import { FloorHolder } from '../components/FloorHolder';
import { attendanceColumns, can, NO_ATTENDANCE } from '@hoinghi/domain';
import { useAction } from '../hooks/useAction';
import { useMyRoles } from '../hooks/useMyRoles';
import { useOwnDelegate } from '../hooks/useOwnDelegate';
import { useT } from '../i18n/I18nContext';
import { knownSiteNames } from '../conference/sites';
import { useConference } from '../realtime/useConference';
import { DelegateList } from './site/DelegateList';
import { AttendanceReportButton } from '../components/AttendanceReportButton';
import { DeskPanel } from '../components/DeskPanel';
import { FloorRequestBox } from './site/FloorRequestBox';

// Video needs mediasoup-client, a large module: only sites that go on air load it.
const SiteMedia = lazy(() => import('../media/SiteMedia'));

/** A connected site's screen: what is being discussed, who speaks, asking for the floor, checking delegates in. */
export function SiteViewPage({ conferenceId, siteId }: { conferenceId: string; siteId: string }) {
  const t = useT();
  const { snapshot, connection, error } = useConference(conferenceId);
  const { roles, error: rolesError } = useMyRoles(conferenceId);
  const ownDelegate = useOwnDelegate(conferenceId, siteId, roles);
  const action = useAction();

  if (!snapshot) return <PageLoading error={error} />;

  const site = snapshot.sites.find((s) => s.id === siteId);
  const { conference, floor } = snapshot;
  const columns = attendanceColumns(snapshot.attendance.perSite.find((row) => row.siteId === siteId) ?? NO_ATTENDANCE);
  const live = conference.status === 'live';
  const editable = conference.status !== 'ended' && conference.status !== 'cancelled';

  return (
    <div className="page">
      <ConferenceHeader conference={conference} connection={connection} eyebrow={site ? site.name : t.site.unknownSite} />
      <ErrorNotice error={error ?? rolesError} />
      <ErrorNotice error={action.error} />
      <StatusBanner conference={conference} />
      <ActiveAgendaItem agenda={snapshot.agenda} large />
      {snapshot.polls.items.some((p) => p.status !== 'draft') && (
        <PollsPanel conferenceId={conferenceId} polls={snapshot.polls} agenda={snapshot.agenda} roles={roles} siteId={siteId} />
      )}

      <section className="panel site-floor">
        <h2>{t.console.floor}</h2>
        <FloorHolder holder={floor.holder} />
        {roles && can(roles, 'floor.request', siteId) && (
          <FloorRequestBox
            conferenceId={conferenceId}
            floor={floor}
            drafts={snapshot.drafts}
            siteId={siteId}
            participantId={ownDelegate}
            live={live}
            busy={action.busy}
            onRequest={(topic) => void action.run(() => api.requestFloor(conferenceId, siteId, topic))}
            onWithdraw={(requestId) => void action.run(() => api.withdrawFloorRequest(conferenceId, requestId))}
          />
        )}
      </section>

      {/* On a phone the floor comes first (asking to speak is the site's one action); the video follows.
          Video closes when the conference ends or is cancelled (unmounting closes the session). */}
      {roles && editable && can(roles, 'media.join', siteId) && (
        <Suspense fallback={null}>
          <SiteMedia conferenceId={conferenceId} siteId={siteId} siteNames={knownSiteNames(snapshot)} mediaControls={snapshot.mediaControls} />
        </Suspense>
      )}

      {/* The site's attendance in one place: its totals, then (for its staff) the check-in list right under them. */}
      <section className="site-attendance">
        <h2>{t.console.attendance}</h2>
        <p className="site-totals" data-testid="site-attendance-total">
          {t.site.totals(columns.present, columns.convened, columns.late, columns.absent, columns.notPresent)}
        </p>
      </section>
      {roles &&
        (can(roles, 'attendance.check', siteId) ? (
          <>
            <DelegateList
              conferenceId={conferenceId}
              siteId={siteId}
              records={snapshot.records.filter((r) => r.siteId === siteId)}
              editable={editable}
            />
            <AttendanceReportButton conferenceId={conferenceId} siteId={siteId} />
          </>
        ) : (
          <p className="notice">{t.site.delegatesHidden}</p>
        ))}

      <DeskPanel conferenceId={conferenceId} snapshot={snapshot} />
      <DraftsPanel conferenceId={conferenceId} drafts={snapshot.drafts} canManage={false} />
      <MinutesPanel conferenceId={conferenceId} versions={snapshot.minutes} leader={snapshot.scope.leader} />
    </div>
  );
}

