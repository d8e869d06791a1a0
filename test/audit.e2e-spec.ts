// The audit log as the chairs and the secretariat read it: filtered by action (or group), person and time;
// refused to everyone else; every action it holds is one the web app words in Vietnamese.
import { AUDIT_ACTIONS, type AuditEntryView, type ConferenceSnapshot, type ErrorResponse, type FloorRequestView, type ParticipantView } from '@hoinghi/contracts';
import { Api, MeetingHarness } from './support/meeting-harness';

describe('audit log', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let operators: Api[];
  let secretary: Api;
  let snapshot: ConferenceSnapshot;
  let conferenceId: string;
  let operatorUserId: string;
  const run = `au${Date.now().toString(36)}`;
  const path = (rest = '') => `/conferences/${conferenceId}${rest}`;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    ({ chair, operators, snapshot } = await meeting.liveConference(run, ['Thành phố Sa Đéc']));
    conferenceId = snapshot.conference.id;
    secretary = (await meeting.convene(chair, conferenceId, `${run}.thuky`, 'Thư ký hội nghị', 'secretary')).api;
    const participants = (await chair.get<ParticipantView[]>(path('/participants'))).body;
    operatorUserId = participants.find((p) => p.role === 'site_operator' && p.siteId === snapshot.sites[1].id)!.userId;
    const asked = await operators[1].post<FloorRequestView>(path('/floor/requests'), { siteId: snapshot.sites[1].id, note: 'Kiến nghị' });
    expect((await chair.post(path(`/floor/requests/${asked.body.id}/grant`))).status).toBe(200);
    expect((await chair.post(path('/floor/end'))).status).toBe(200);
  });

  afterAll(async () => {
    await meeting?.stop();
  });

  const actions = (entries: AuditEntryView[]) => entries.map((e) => e.action);

  it('filters by a group of actions, one action, a person and a time window, newest first', async () => {
    const all = await chair.get<AuditEntryView[]>(path('/audit'));
    expect(all.status).toBe(200);
    expect(all.body.every((e) => (AUDIT_ACTIONS as readonly string[]).includes(e.action))).toBe(true);
    expect(actions(all.body).slice(0, 3)).toEqual(['floor.end', 'floor.grant', 'floor.request']);

    const floor = await secretary.get<AuditEntryView[]>(path('/audit?action=floor'));
    expect(actions(floor.body)).toEqual(['floor.end', 'floor.grant', 'floor.request']);
    expect(actions((await chair.get<AuditEntryView[]>(path('/audit?action=floor.grant'))).body)).toEqual(['floor.grant']);
    expect((await chair.get<AuditEntryView[]>(path('/audit?action=flo'))).body).toEqual([]); // a group is a whole word

    const byOperator = await chair.get<AuditEntryView[]>(path(`/audit?actorUserId=${operatorUserId}`));
    expect(byOperator.body.map((e) => [e.action, e.actorName])).toEqual([['floor.request', `Kỹ thuật viên ${snapshot.sites[1].name}`]]);

    const grant = floor.body[1];
    const window = `from=${encodeURIComponent(grant.at)}&to=${encodeURIComponent(new Date(Date.parse(grant.at) + 1).toISOString())}`;
    expect(actions((await chair.get<AuditEntryView[]>(path(`/audit?action=floor&${window}`))).body)).toEqual(['floor.grant']);
    expect((await chair.get<AuditEntryView[]>(path(`/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`))).body).toEqual([]);
    expect((await chair.get<AuditEntryView[]>(path('/audit?limit=2'))).body).toHaveLength(2);
  });

  it('names the field of a bad filter (400), refuses those who may not read it (403), and an unknown conference (404)', async () => {
    const cases: Array<[string, string]> = [
      ['to=2026-12-01T00:00:00Z&from=2026-12-01T01:00:00Z', 'to'],
      ['from=hôm qua', 'from'],
      ['actorUserId=thuky', 'actorUserId'],
      ['limit=0', 'limit'],
      [`action=${'x'.repeat(61)}`, 'action'],
    ];
    for (const [query, field] of cases) {
      const bad = await chair.get<ErrorResponse>(path(`/audit?${query}`));
      expect({ query, status: bad.status, error: bad.body.error, fields: Object.keys(bad.body.fields ?? {}) }).toEqual({ query, status: 400, error: 'VALIDATION_FAILED', fields: [field] });
    }
    const operator = await operators[1].get<ErrorResponse>(path('/audit'));
    expect(operator.status).toBe(403);
    expect(operator.body.error).toBe('ROLE_FORBIDDEN');
    expect((await chair.get<ErrorResponse>(`/conferences/${snapshot.sites[0].id}/audit`)).body.error).toBe('CONFERENCE_NOT_FOUND');
  });
});
