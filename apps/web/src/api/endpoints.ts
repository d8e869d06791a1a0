import type {
  AgendaItemView, AttendanceRecordView, AttendanceStatus, ConferenceSnapshot, ConferenceSummary, ConferenceView,
  BallotReceipt, CastBallotRequest, CreatePollRequest, PollView, PollVoterView,
  CommentReceipt, CreateConferenceRequest, DraftDiffView, DraftSummary, DraftVersionView, MediaJoinTokenResponse, SubmitCommentRequest, FloorRequestView, FloorState, LoginResponse, OrgUnitView, UserView,
} from '@hoinghi/contracts';
import type { ConferenceAction } from '@hoinghi/domain';
import { apiRequest } from './client';

// One function per REST call of docs/architecture.md that the web app uses.

/** Body of POST /conferences (contracts have no type for it; it follows the meeting service DTO). */
const conference = (id: string) => `/conferences/${encodeURIComponent(id)}`;

export const api = {
  login: (username: string, password: string) => apiRequest<LoginResponse>('POST', '/auth/login', { username, password }),
  refresh: () => apiRequest<LoginResponse>('POST', '/auth/refresh'),
  me: () => apiRequest<UserView>('GET', '/auth/me'),

  searchOrgUnits: (q: string) => apiRequest<OrgUnitView[]>('GET', `/org-units?q=${encodeURIComponent(q)}`),

  listConferences: () => apiRequest<ConferenceSummary[]>('GET', '/conferences'),
  createConference: (body: CreateConferenceRequest) => apiRequest<ConferenceSnapshot>('POST', '/conferences', body),
  transition: (id: string, action: ConferenceAction) => apiRequest<ConferenceView>('POST', `${conference(id)}/${action}`),

  nextAgendaItem: (id: string) => apiRequest<AgendaItemView[]>('POST', `${conference(id)}/agenda/next`),
  changeAgendaItem: (id: string, itemId: string, change: 'start' | 'complete' | 'skip') =>
    apiRequest<AgendaItemView[]>('POST', `${conference(id)}/agenda/${encodeURIComponent(itemId)}/${change}`),

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

  requestFloor: (id: string, siteId: string) => apiRequest<FloorRequestView>('POST', `${conference(id)}/floor/requests`, { siteId }),
  withdrawFloorRequest: (id: string, requestId: string) =>
    apiRequest<FloorState>('DELETE', `${conference(id)}/floor/requests/${encodeURIComponent(requestId)}`),
  moveFloorRequest: (id: string, requestId: string, position: number) =>
    apiRequest<FloorState>('PUT', `${conference(id)}/floor/requests/${encodeURIComponent(requestId)}/position`, { position }),
  grantFloor: (id: string, requestId: string) =>
    apiRequest<FloorState>('POST', `${conference(id)}/floor/requests/${encodeURIComponent(requestId)}/grant`),
  endFloor: (id: string) => apiRequest<FloorState>('POST', `${conference(id)}/floor/end`),

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

  createPoll: (id: string, body: CreatePollRequest) => apiRequest<PollView>('POST', `${conference(id)}/polls`, body),
  pollStep: (id: string, pollId: string, step: 'open' | 'close') => apiRequest<PollView>('POST', `${conference(id)}/polls/${encodeURIComponent(pollId)}/${step}`),
  castBallot: (id: string, pollId: string, body: CastBallotRequest) =>
    apiRequest<BallotReceipt>('POST', `${conference(id)}/polls/${encodeURIComponent(pollId)}/ballots`, body),
  pollVoters: (id: string, pollId: string, siteId?: string) =>
    apiRequest<PollVoterView[]>('GET', `${conference(id)}/polls/${encodeURIComponent(pollId)}/voters${siteId ? `?siteId=${encodeURIComponent(siteId)}` : ''}`),

  mediaToken: (id: string, siteId: string) =>
    apiRequest<MediaJoinTokenResponse>('POST', `${conference(id)}/sites/${encodeURIComponent(siteId)}/media-token`),
};
