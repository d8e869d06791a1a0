import type {
  CopyConferenceRequest, CreateUserRequest, ImportPreview, ImportResult, OrgUnitLevel, ParticipantRole, ParticipantView, SiteView, UpdateConferenceRequest,
  UpdateParticipantRequest, UpdateUserRequest, UserPage, UserWithPassword,
  AgendaItemState, AgendaItemView, AttendanceRecordView, AttendanceStatus, ConferenceSnapshot, ConferenceStatus, ConferenceSummary, ConferenceView,
  CommentReceipt, ConsolidationPointView, ConsolidationReportView, CreateConferenceRequest, CreatePointRequest, MinutesAction, MinutesDiffView, MinutesDocumentFormat, MinutesDocumentRequest, MinutesItemView, MinutesSpeaker, MinutesTask, MinutesVersionView, DocumentJobReceipt, DocumentJobView,
  NewDraftVersionRequest, UpdatePointRequest, DeskMessageView, DeskThreadView, AuditEntryView, AuditQuery, NoticeList, DraftDiffView, DraftSummary, DraftVersionView, MediaJoinTokenResponse, SubmitCommentRequest, FloorRequestView, FloorState, LoginResponse, OrgUnitView, UserView,
  BallotReceipt, CastBallotRequest, CreatePollRequest, CreateRunoffRequest, PollView, PollVoterView, RecordingLink, RecordingsResponse,
  AudioCommandName, AudioCommandRequest, MediaControlsView, SetSharingRequest,
} from '@hoinghi/contracts';
import type { AgendaTransition, ConferenceAction } from '@hoinghi/domain';
import { apiDownload, apiRequest } from './client';

// One function per REST call of docs/architecture.md that the web app uses.

/** Body of POST /conferences (contracts have no type for it; it follows the meeting service DTO). */
const conference = (id: string) => `/conferences/${encodeURIComponent(id)}`;

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

export const api = {
  login: (username: string, password: string) => apiRequest<LoginResponse>('POST', '/auth/login', { username, password }),
  refresh: () => apiRequest<LoginResponse>('POST', '/auth/refresh'),
  me: () => apiRequest<UserView>('GET', '/auth/me'),

  searchOrgUnits: (q: string) => apiRequest<OrgUnitView[]>('GET', `/org-units?q=${encodeURIComponent(q)}`),

  getConference: (id: string) => apiRequest<ConferenceSnapshot>('GET', conference(id)),
  updateConference: (id: string, body: UpdateConferenceRequest) => apiRequest<ConferenceView>('PATCH', conference(id), body),
  copyConference: (id: string, body: CopyConferenceRequest) => apiRequest<ConferenceSnapshot>('POST', `${conference(id)}/copy`, body),
  addSite: (id: string, body: { name: string; orgUnitId: string; parentSiteId?: string }) => apiRequest<SiteView>('POST', `${conference(id)}/sites`, body),
  participants: (id: string) => apiRequest<ParticipantView[]>('GET', `${conference(id)}/participants`),
  addParticipant: (id: string, body: { userId: string; role: ParticipantRole; siteId?: string; votingRight?: boolean }) =>
    apiRequest<ParticipantView>('POST', `${conference(id)}/participants`, body),
  updateParticipant: (id: string, participantId: string, body: UpdateParticipantRequest) =>
    apiRequest<ParticipantView>('PATCH', `${conference(id)}/participants/${encodeURIComponent(participantId)}`, body),
  removeParticipant: (id: string, participantId: string) => apiRequest<void>('DELETE', `${conference(id)}/participants/${encodeURIComponent(participantId)}`),
  /** The same file twice: the preview writes nothing, the import applies every row or none. */
  previewImport: (id: string, file: File) => apiRequest<ImportPreview>('POST', `${conference(id)}/participants/import/preview`, fileForm(file)),
  importParticipants: (id: string, file: File) => apiRequest<ImportResult>('POST', `${conference(id)}/participants/import`, fileForm(file)),

  searchUsers: (q: string, limit = 20) => apiRequest<UserPage>('GET', `/users?q=${encodeURIComponent(q)}&limit=${limit}`),
  createUser: (body: CreateUserRequest) => apiRequest<UserWithPassword>('POST', '/users', body),
  updateUser: (userId: string, body: UpdateUserRequest) => apiRequest<UserView>('PATCH', `/users/${encodeURIComponent(userId)}`, body),
  resetPassword: (userId: string) => apiRequest<UserWithPassword>('POST', `/users/${encodeURIComponent(userId)}/password`),
  childOrgUnits: (parentId: string) => apiRequest<OrgUnitView[]>('GET', `/org-units?parentId=${encodeURIComponent(parentId)}`),
  rootOrgUnits: () => apiRequest<OrgUnitView[]>('GET', '/org-units'),
  createOrgUnit: (body: { name: string; level: OrgUnitLevel; parentId?: string }) => apiRequest<OrgUnitView>('POST', '/org-units', body),
  updateOrgUnit: (unitId: string, body: { name?: string; level?: OrgUnitLevel; parentId?: string | null; termStartedAt?: string | null }) =>
    apiRequest<OrgUnitView>('PATCH', `/org-units/${encodeURIComponent(unitId)}`, body),

  listConferences: () => apiRequest<ConferenceSummary[]>('GET', '/conferences'),
  createConference: (body: CreateConferenceRequest) => apiRequest<ConferenceSnapshot>('POST', '/conferences', body),
  /** As the chair saw the conference: a stale status (a double click) gets 409 CONFERENCE_CHANGED; cancel needs a reason. */
  transition: (id: string, action: ConferenceAction, expectedStatus: ConferenceStatus, reason?: string) =>
    apiRequest<ConferenceView>('POST', `${conference(id)}/${action}`, reason === undefined ? { expectedStatus } : { expectedStatus, reason }),

  /** As the chair saw the agenda: if someone else moved it meanwhile, 409 AGENDA_CHANGED and nothing happens. */
  nextAgendaItem: (id: string, expectedActiveItemId: string | null) =>
    apiRequest<AgendaItemView[]>('POST', `${conference(id)}/agenda/next`, { expectedActiveItemId }),
  /** Skip and reopen need a reason (for the minutes). */
  changeAgendaItem: (id: string, itemId: string, change: AgendaTransition, expectedState: AgendaItemState, reason?: string) =>
    apiRequest<AgendaItemView[]>('POST', `${conference(id)}/agenda/${encodeURIComponent(itemId)}/${change}`, reason === undefined ? { expectedState } : { expectedState, reason }),
  /** Who is not present at any site, and why (chairs and secretariat). */
  absentees: (id: string) => apiRequest<AttendanceRecordView[]>('GET', `${conference(id)}/attendance/absentees`),

  siteAttendance: (id: string, siteId: string) =>
    apiRequest<AttendanceRecordView[]>('GET', `${conference(id)}/sites/${encodeURIComponent(siteId)}/attendance`),
  checkIn: (id: string, siteId: string, participantId: string, status: AttendanceStatus, reason?: string) =>
    apiRequest<AttendanceRecordView>(
      'PUT',
      `${conference(id)}/sites/${encodeURIComponent(siteId)}/attendance/${encodeURIComponent(participantId)}`,
      reason === undefined ? { status } : { status, reason },
    ),

  checkOut: (id: string, siteId: string, participantId: string) =>
    apiRequest<AttendanceRecordView>(
      'POST',
      `${conference(id)}/sites/${encodeURIComponent(siteId)}/attendance/${encodeURIComponent(participantId)}/check-out`,
    ),

  requestFloor: (id: string, siteId: string, ask: { note?: string; sectionId?: string; participantId?: string } = {}) =>
    apiRequest<FloorRequestView>('POST', `${conference(id)}/floor/requests`, { siteId, ...ask }),
  deskMessages: (id: string, siteId: string) => apiRequest<DeskMessageView[]>('GET', `${conference(id)}/desk/${encodeURIComponent(siteId)}/messages`),
  sendDeskMessage: (id: string, siteId: string, text: string) =>
    apiRequest<DeskMessageView>('POST', `${conference(id)}/desk/${encodeURIComponent(siteId)}/messages`, { text }),
  markDeskRead: (id: string, siteId: string) => apiRequest<DeskThreadView>('POST', `${conference(id)}/desk/${encodeURIComponent(siteId)}/read`),
  setFloorLimit: (id: string, requestId: string, limitSeconds: number | null) =>
    apiRequest<FloorState>('PUT', `${conference(id)}/floor/requests/${encodeURIComponent(requestId)}/limit`, { limitSeconds }),
  withdrawFloorRequest: (id: string, requestId: string) =>
    apiRequest<FloorState>('DELETE', `${conference(id)}/floor/requests/${encodeURIComponent(requestId)}`),
  moveFloorRequest: (id: string, requestId: string, position: number) =>
    apiRequest<FloorState>('PUT', `${conference(id)}/floor/requests/${encodeURIComponent(requestId)}/position`, { position }),
  grantFloor: (id: string, requestId: string) =>
    apiRequest<FloorState>('POST', `${conference(id)}/floor/requests/${encodeURIComponent(requestId)}/grant`),
  endFloor: (id: string) => apiRequest<FloorState>('POST', `${conference(id)}/floor/end`),
  setScreenSharing: (id: string, floorShareAllowed: boolean) =>
    apiRequest<MediaControlsView>('PUT', `${conference(id)}/media-controls/sharing`, { floorShareAllowed } satisfies SetSharingRequest),
  commandAudio: (id: string, command: AudioCommandName, siteId?: string) =>
    apiRequest<MediaControlsView>('POST', `${conference(id)}/media-controls/audio`, (siteId ? { command, siteId } : { command }) satisfies AudioCommandRequest),

  draft: (id: string, draftId: string, version?: number) =>
    apiRequest<DraftVersionView>('GET', `${conference(id)}/drafts/${encodeURIComponent(draftId)}${version ? `/versions/${version}` : ''}`),
  draftDiff: (id: string, draftId: string, from: number, to: number) =>
    apiRequest<DraftDiffView>('GET', `${conference(id)}/drafts/${encodeURIComponent(draftId)}/diff?from=${from}&to=${to}`),
  /** A .docx put to the conference (multipart: file, title). */
  importDraft: (id: string, file: File, title: string) => {
    const form = new FormData();
    form.append('title', title);
    form.append('file', file);
    return apiRequest<DraftVersionView>('POST', `${conference(id)}/drafts/import`, form);
  },

  consultation: (id: string, draftId: string, change: 'open' | 'close') =>
    apiRequest<DraftSummary>('POST', `${conference(id)}/drafts/${encodeURIComponent(draftId)}/consultation/${change}`),
  submitComment: (id: string, draftId: string, body: SubmitCommentRequest) =>
    apiRequest<CommentReceipt>('POST', `${conference(id)}/drafts/${encodeURIComponent(draftId)}/comments`, body),
  withdrawComment: (id: string, commentId: string) => apiRequest<unknown>('DELETE', `${conference(id)}/comments/${encodeURIComponent(commentId)}`),

  createPoint: (id: string, draftId: string, body: CreatePointRequest) =>
    apiRequest<ConsolidationPointView>('POST', `${conference(id)}/drafts/${encodeURIComponent(draftId)}/points`, body),
  updatePoint: (id: string, pointId: string, body: UpdatePointRequest) =>
    apiRequest<ConsolidationPointView>('PATCH', `${conference(id)}/points/${encodeURIComponent(pointId)}`, body),
  deletePoint: (id: string, pointId: string) => apiRequest<void>('DELETE', `${conference(id)}/points/${encodeURIComponent(pointId)}`),
  consolidationReport: (id: string, draftId: string) =>
    apiRequest<ConsolidationReportView>('GET', `${conference(id)}/drafts/${encodeURIComponent(draftId)}/report`),
  renderReport: (id: string, draftId: string) =>
    apiRequest<DocumentJobReceipt>('POST', `${conference(id)}/drafts/${encodeURIComponent(draftId)}/report`),
  documentJob: (id: string, jobId: string) => apiRequest<DocumentJobView>('GET', `${conference(id)}/documents/${encodeURIComponent(jobId)}`),
  notices: (unreadOnly = false) => apiRequest<NoticeList>('GET', `/notices${unreadOnly ? '?unread=true' : ''}`),
  markNoticeRead: (noticeId: string) => apiRequest<NoticeList>('POST', `/notices/${encodeURIComponent(noticeId)}/read`),
  markAllNoticesRead: () => apiRequest<NoticeList>('POST', '/notices/read'),
  audit: (id: string, query: AuditQuery) => {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]));
    return apiRequest<AuditEntryView[]>('GET', `${conference(id)}/audit${params.size ? `?${params}` : ''}`);
  },
  attendanceReport: (id: string, siteId?: string) =>
    apiDownload(`${conference(id)}${siteId ? `/sites/${encodeURIComponent(siteId)}` : ''}/attendance/report`),
  recordings: (id: string) => apiRequest<RecordingsResponse>('GET', `${conference(id)}/recordings`),
  recordingLink: (id: string, file: string) => apiRequest<RecordingLink>('POST', `${conference(id)}/recordings/${encodeURIComponent(file)}/link`),
  downloadDocument: (id: string, jobId: string) => apiDownload(`${conference(id)}/documents/${encodeURIComponent(jobId)}/file`),
  newDraftVersion: (id: string, draftId: string, body: NewDraftVersionRequest) =>
    apiRequest<DraftVersionView>('POST', `${conference(id)}/drafts/${encodeURIComponent(draftId)}/versions`, body),

  minutes: (id: string, version?: number) => apiRequest<MinutesVersionView>('GET', `${conference(id)}/minutes${version ? `/versions/${version}` : ''}`),
  minutesDiff: (id: string, from: number, to: number) => apiRequest<MinutesDiffView>('GET', `${conference(id)}/minutes/diff?from=${from}&to=${to}`),
  minutesFloorLog: (id: string) => apiRequest<MinutesSpeaker[]>('GET', `${conference(id)}/minutes/floor-log`),
  editMinutesItem: (id: string, itemId: string, body: { revision: number; summary?: string; conclusion?: string; speakers?: Array<Pick<MinutesSpeaker, 'fullName' | 'siteName' | 'summary'> & { floorRequestId?: string }>; tasks?: Array<Omit<MinutesTask, 'due'> & { due?: string }> }) =>
    apiRequest<MinutesItemView>('PUT', `${conference(id)}/minutes/items/${encodeURIComponent(itemId)}`, body),
  addMinutesSpeaker: (id: string, itemId: string, floorRequestId: string) =>
    apiRequest<MinutesItemView>('POST', `${conference(id)}/minutes/items/${encodeURIComponent(itemId)}/speakers`, { floorRequestId }),
  minutesAction: (id: string, action: MinutesAction, reason?: string) =>
    apiRequest<MinutesVersionView>('POST', `${conference(id)}/minutes/${action}`, reason === undefined ? undefined : { reason }),
  renderMinutes: (id: string, version: number, format: MinutesDocumentFormat) =>
    apiRequest<DocumentJobReceipt>('POST', `${conference(id)}/minutes/versions/${version}/documents`, { format } satisfies MinutesDocumentRequest),
  correctMinutes: (id: string, reason: string) => apiRequest<MinutesVersionView>('POST', `${conference(id)}/minutes/corrections`, { reason }),

  createPoll: (id: string, body: CreatePollRequest) => apiRequest<PollView>('POST', `${conference(id)}/polls`, body),
  pollStep: (id: string, pollId: string, step: 'open' | 'close') => apiRequest<PollView>('POST', `${conference(id)}/polls/${encodeURIComponent(pollId)}/${step}`),
  createRunoff: (id: string, pollId: string, body: CreateRunoffRequest) =>
    apiRequest<PollView>('POST', `${conference(id)}/polls/${encodeURIComponent(pollId)}/runoff`, body),
  castBallot: (id: string, pollId: string, body: CastBallotRequest) =>
    apiRequest<BallotReceipt>('POST', `${conference(id)}/polls/${encodeURIComponent(pollId)}/ballots`, body),
  pollVoters: (id: string, pollId: string, siteId?: string) =>
    apiRequest<PollVoterView[]>('GET', `${conference(id)}/polls/${encodeURIComponent(pollId)}/voters${siteId ? `?siteId=${encodeURIComponent(siteId)}` : ''}`),

  mediaToken: (id: string, siteId: string) =>
    apiRequest<MediaJoinTokenResponse>('POST', `${conference(id)}/sites/${encodeURIComponent(siteId)}/media-token`),
};
