import { lazy, Suspense, useCallback, useState } from 'react';
import type { RecordingState } from '@hoinghi/contracts';
import { api } from '../api/endpoints';
import { ActiveAgendaItem } from '../components/ActiveAgendaItem';
import { ConferenceHeader } from '../components/ConferenceHeader';
import { useConfirm } from '../components/ConfirmDialog';
import { StatusBanner } from '../components/StatusBanner';
import { Link } from '../router';
import { DraftsPanel } from '../components/DraftsPanel';
import { MinutesPanel } from '../components/MinutesPanel';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLoading } from '../components/PageLoading';
import { PollsPanel } from '../components/PollsPanel';
import { RecordingsPanel } from '../components/RecordingsPanel';
import { can, type ConferenceAction } from '@hoinghi/domain';
import { useAction } from '../hooks/useAction';
import { useMyRoles } from '../hooks/useMyRoles';
import { formatTime } from '../i18n/format';
import { useT } from '../i18n/I18nContext';
import { useConference } from '../realtime/useConference';
import { AgendaPanel } from './chair/AgendaPanel';
import { AttendancePanel } from './chair/AttendancePanel';
import { ConferenceActions } from './chair/ConferenceActions';
import { DeskPanel } from '../components/DeskPanel';
import { FloorPanel, type FloorControls } from './chair/FloorPanel';

// Video needs mediasoup-client, a large module: loaded only for the chair's grid.
const MainHallMedia = lazy(() => import('../media/MainHallMedia'));

/** The main hall's screen: status, agenda, attendance of every site and the floor. */
export function ChairConsolePage({ conferenceId }: { conferenceId: string }) {
  const t = useT();
  const { snapshot, connection, error, mediaIncident } = useConference(conferenceId);
  const { roles, error: rolesError } = useMyRoles(conferenceId);
  const action = useAction();
  const confirm = useConfirm();
  // The video grid hears recording start, move on and stop; the list of recordings reloads then.
  const [recordingKey, setRecordingKey] = useState('');
  const onRecording = useCallback((r: RecordingState | null) => setRecordingKey(r ? `${r.active}:${r.file ?? ''}` : ''), []);

  if (!snapshot) return <PageLoading error={error} />;

  const canControl = roles !== null && can(roles, 'conference.manage');
  const mainSite = snapshot.sites.find((s) => s.isMain);
  const live = snapshot.conference.status === 'live';
  const run = (work: () => Promise<unknown>) => void action.run(work);

  const floorControls: FloorControls = {
    grant: (requestId) => run(() => api.grantFloor(conferenceId, requestId)),
    setLimit: (requestId, limitSeconds) => run(() => api.setFloorLimit(conferenceId, requestId, limitSeconds)),
    move: (requestId, position) => run(() => api.moveFloorRequest(conferenceId, requestId, position)),
    withdraw: (requestId) => run(() => api.withdrawFloorRequest(conferenceId, requestId)),
    end: () => run(() => api.endFloor(conferenceId)),
  };

  return (
    <div className="page page--wide">
      <ConferenceHeader conference={snapshot.conference} connection={connection}>
        {canControl && (
          <ConferenceActions
            status={snapshot.conference.status}
            busy={action.busy}
            onAction={(name: ConferenceAction, reason?: string) => run(() => api.transition(conferenceId, name, snapshot.conference.status, reason))}
            confirm={confirm.ask}
          />
        )}
      </ConferenceHeader>
      {canControl && <p className="setup-link-row"><Link to={`/conferences/${conferenceId}/setup`} className="button button--small" data-testid="console-setup-link">{t.setup.link}</Link></p>}
      <ErrorNotice error={error ?? rolesError} />
      <ErrorNotice error={action.error} />
      {roles !== null && !canControl && <p className="notice">{t.console.readOnly}</p>}
      {mediaIncident && (
        <p className="notice notice--warning" data-testid="media-incident" data-kind={mediaIncident.kind}>
          {(mediaIncident.kind === 'worker-replaced' ? t.console.mediaWorkerReplaced : t.console.mediaWorkerDied)(formatTime(mediaIncident.at, t.locale))}
        </p>
      )}
      <StatusBanner conference={snapshot.conference} />
      {/* A laptop at 1280×720: the agenda, the video wall and the floor side by side in the first screen. */}
      <div className="console-layout">
        <div className="console-layout__agenda">
          <AgendaPanel
            agenda={snapshot.agenda}
            canControl={canControl}
            live={live}
            busy={action.busy}
            onNext={() => run(() => api.nextAgendaItem(conferenceId, snapshot.agenda.find((i) => i.state === 'active')?.id ?? null))}
            onChange={(itemId, change, reason) =>
              run(() => api.changeAgendaItem(conferenceId, itemId, change, snapshot.agenda.find((i) => i.id === itemId)!.state, reason))}
            confirm={confirm.ask}
          />
        </div>
        <div className="console-layout__main">
          <ActiveAgendaItem agenda={snapshot.agenda} />
          {/* Video closes when the conference ends or is cancelled (unmounting closes the session). */}
          {canControl && mainSite && snapshot.conference.status !== 'ended' && snapshot.conference.status !== 'cancelled' && (
            <Suspense fallback={null}>
              <MainHallMedia
                conferenceId={conferenceId}
                sites={snapshot.sites}
                mainSiteId={mainSite.id}
                floorSiteId={snapshot.floor.holder?.siteId ?? null}
                onRecording={onRecording}
                controls={{
                  state: snapshot.mediaControls,
                  busy: action.busy,
                  audio: (command, siteId) => run(() => api.commandAudio(conferenceId, command, siteId)),
                  setFloorShare: (allowed) => run(() => api.setScreenSharing(conferenceId, allowed)),
                }}
              />
            </Suspense>
          )}
          <AttendancePanel
            conferenceId={conferenceId}
            sites={snapshot.sites}
            attendance={snapshot.attendance}
            canReadAbsentees={roles !== null && can(roles, 'attendance.absentees')}
          />
        </div>
        <div className="console-layout__side">
          <FloorPanel floor={snapshot.floor} canControl={canControl} live={live} busy={action.busy} controls={floorControls} />
          <DeskPanel conferenceId={conferenceId} snapshot={snapshot} />
          <DraftsPanel conferenceId={conferenceId} drafts={snapshot.drafts} canManage={roles !== null && can(roles, 'drafts.manage')} />
          <MinutesPanel conferenceId={conferenceId} versions={snapshot.minutes} leader={snapshot.scope.leader} />
          {roles !== null && can(roles, 'recordings.view') && <RecordingsPanel conferenceId={conferenceId} refreshKey={recordingKey} />}
          {roles !== null && can(roles, 'audit.view') && (
            <p className="panel audit-link">
              <Link to={`/conferences/${conferenceId}/audit`} data-testid="audit-link">{t.audit.open}</Link>
            </p>
          )}
        </div>
      </div>
      {confirm.dialog}
      <PollsPanel conferenceId={conferenceId} polls={snapshot.polls} agenda={snapshot.agenda} roles={roles} />
    </div>
  );
}

