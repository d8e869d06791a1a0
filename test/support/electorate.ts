import type { AgendaItemView, ConferenceSnapshot, ErrorResponse, ParticipantView, PollView } from '@hoinghi/contracts';
import { accessToken } from '../../bench/support';
import { Api, MeetingHarness } from './meeting-harness';

export interface Elector {
  api: Api;
  userId: string;
  participantId: string;
  siteId: string;
}

export interface VotingConference {
  chair: Api;
  /** The main hall's operator first, then one per district. */
  operators: Api[];
  snapshot: ConferenceSnapshot;
  conferenceId: string;
  /** Districts' site ids, in the order of `perSite`. */
  siteIds: string[];
  /** "Thông qua chỉ tiêu", the agenda item polls hang on. */
  itemId: string;
  electors: Elector[];
  path: (rest?: string) => string;
  checkIn: (elector: Elector, status?: 'present' | 'absent', reason?: string) => Promise<void>;
  createPoll: (body: Record<string, unknown>) => Promise<PollView>;
  cast: (who: Api, pollId: string, body: Record<string, unknown>) => Promise<{ status: number; body: { receiptId: string; pollId: string; status: string } & ErrorResponse }>;
}

/**
 * A live conference with `perSite[i]` delegates with a right to vote at district i (tokens signed as
 * the service signs them, without argon2 per person), the first `checkedIn` of them checked in.
 */
export async function votingConference(meeting: MeetingHarness, prefix: string, perSite: number[], checkedIn: number): Promise<VotingConference> {
  const { chair, operators, snapshot } = await meeting.liveConference(prefix, perSite.map((_, i) => `Huyện ${i + 1}`));
  const conferenceId = snapshot.conference.id;
  const path = (rest = '') => `/conferences/${conferenceId}${rest}`;
  const siteIds = snapshot.sites.slice(1).map((s) => s.id);
  const item = await chair.post<AgendaItemView>(path('/agenda'), { title: 'Thông qua các chỉ tiêu', kind: 'vote', presenter: 'Ban Tổ chức', plannedMinutes: 10 });
  if (item.status !== 201) throw new Error(`agenda: ${item.status} ${JSON.stringify(item.body)}`);
  const electors: Elector[] = [];
  for (const [i, count] of perSite.entries()) {
    for (let n = 0; n < count; n += 1) {
      const user = await meeting.createUser(`${prefix}.db${i}.${n}`, `Đại biểu ${i + 1}.${n + 1}`);
      const added = await chair.post<ParticipantView>(path('/participants'), { userId: user.id, role: 'delegate', siteId: siteIds[i] });
      if (added.status !== 201) throw new Error(`participant: ${added.status} ${JSON.stringify(added.body)}`);
      electors.push({ api: chair.as(accessToken(user.id)), userId: user.id, participantId: added.body.id, siteId: siteIds[i] });
    }
  }
  const checkIn = async (elector: Elector, status: 'present' | 'absent' = 'present', reason?: string) => {
    const operator = operators[siteIds.indexOf(elector.siteId) + 1];
    const answer = await operator.put(path(`/sites/${elector.siteId}/attendance/${elector.participantId}`), { status, reason });
    if (answer.status !== 200) throw new Error(`check-in: ${answer.status} ${JSON.stringify(answer.body)}`);
  };
  for (const elector of electors.slice(0, checkedIn)) await checkIn(elector);
  const createPoll = async (body: Record<string, unknown>) => {
    const created = await chair.post<PollView>(path('/polls'), { agendaItemId: item.body.id, ...body });
    if (created.status !== 201) throw new Error(`poll: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body;
  };
  const cast = (who: Api, pollId: string, body: Record<string, unknown>) =>
    who.post(path(`/polls/${pollId}/ballots`), { idempotencyKey: crypto.randomUUID(), ...body });
  return { chair, operators, snapshot, conferenceId, siteIds, itemId: item.body.id, electors, path, checkIn, createPoll, cast };
}

export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
