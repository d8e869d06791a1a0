// Issue #7: a third party integrates from the published documents alone. This builds a client from the
// served OpenAPI document at run time (test/support/openapi-client.ts) and runs a conference through it;
// every answer must be a status the operation declares, with a body matching the declared schema.
import { schemaErrors } from './support/json-schema';
import { generateClient, type GeneratedClient, type OpenApiDocument } from './support/openapi-client';
import { MeetingHarness, TEST_PASSWORD } from './support/meeting-harness';

describe('a client generated from /api/docs-json', () => {
  let meeting: MeetingHarness;
  let document: OpenApiDocument;
  let anonymous: GeneratedClient;
  const run = `g${Date.now().toString(36)}`;

  const signIn = async (username: string): Promise<GeneratedClient> => {
    const login = await anonymous.login({ body: { username, password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    return anonymous.withToken(login.body.accessToken);
  };

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    const province = await meeting.createOrgUnit('Tỉnh Đồng Tháp', 'province');
    await meeting.createOrgUnit('Huyện Tháp Mười', 'district', province.id);
    // People are provisioned by administrators outside the API.
    await meeting.createUser(`${run}.chutri`, 'Nguyễn Thị Lan', { canConvene: true });
    await meeting.createUser(`${run}.vanhanh`, 'Võ Minh Tâm');
    await meeting.createUser(`${run}.daibieu`, 'Huỳnh Văn Sơn');
    document = (await (await fetch(`${meeting.url}/api/docs-json`)).json()) as OpenApiDocument;
    anonymous = generateClient(document, meeting.url);
  });

  afterAll(() => meeting?.stop());

  it('has a check that does find a body unlike its schema', () => {
    const user = { $ref: '#/components/schemas/UserResponseDto' };
    expect(schemaErrors({ id: 'x', username: 'a', fullName: 'b', isAdmin: false, disabled: false, canConvene: 'yes', extra: 1 }, user, document.components.schemas)).toEqual([
      '$.id: not a uuid', '$.canConvene: string where boolean is declared', '$.extra: not documented',
    ]);
  });

  it('signs in, convenes, starts, checks a delegate in, gives the floor and ends a conference', async () => {
    const chair = await signIn(`${run}.chutri`);
    expect((await chair.getMe()).body.username).toBe(`${run}.chutri`);

    const [provinceUnit] = (await chair.searchOrgUnits({ q: 'dong thap' })).body;
    const [districtUnit] = (await chair.searchOrgUnits({ q: 'thap muoi' })).body;
    const created = await chair.createConference({
      body: {
        title: 'Hội nghị trực tuyến quán triệt Nghị quyết', kind: 'dissemination', hostUnitId: provinceUnit.id,
        plannedStart: '2026-12-03T01:00:00Z', plannedEnd: '2026-12-03T03:00:00Z',
        sites: [
          { key: 'main', name: 'Hội trường Tỉnh ủy', orgUnitId: provinceUnit.id, isMain: true },
          { key: 'tm', name: 'Điểm cầu Huyện Tháp Mười', orgUnitId: districtUnit.id, parentKey: 'main' },
        ],
        agenda: [
          { title: 'Quán triệt Nghị quyết', kind: 'dissemination', presenter: 'Đồng chí Phó Bí thư', plannedMinutes: 45 },
          { title: 'Kết luận', kind: 'conclusion', plannedMinutes: 10 },
        ],
      },
    });
    expect(created.status).toBe(201);
    const conferenceId: string = created.body.conference.id;
    const siteId: string = created.body.sites.find((s: { isMain: boolean }) => !s.isMain).id;

    const people = (await chair.searchUsers({ q: run, limit: 10 })).body;
    expect(people.total).toBe(3);
    const userId = (username: string) => people.items.find((u: { username: string }) => u.username === username).id;
    expect((await chair.addParticipant({ conferenceId, body: { userId: userId(`${run}.vanhanh`), role: 'site_operator', siteId } })).status).toBe(201);
    const delegate = (await chair.addParticipant({ conferenceId, body: { userId: userId(`${run}.daibieu`), role: 'delegate', siteId } })).body;
    expect((await chair.listParticipants({ conferenceId })).body).toHaveLength(3);

    expect((await chair.startConference({ conferenceId })).body.status).toBe('live');
    expect((await chair.nextAgendaItem({ conferenceId })).body.map((i: { state: string }) => i.state)).toEqual(['active', 'pending']);

    const operator = await signIn(`${run}.vanhanh`);
    const checkedIn = await operator.checkIn({ conferenceId, siteId, participantId: delegate.id, body: { status: 'present' } });
    expect(checkedIn.body).toMatchObject({ participantId: delegate.id, status: 'present' });
    expect((await operator.listSiteAttendance({ conferenceId, siteId })).body).toHaveLength(1);
    expect((await chair.getAttendanceSummary({ conferenceId })).body.quorum).toMatchObject({ convened: 1, present: 1, reached: true });

    const asked = await operator.requestFloor({ conferenceId, body: { siteId, participantId: delegate.id, note: 'Kiến nghị về biên chế cấp xã' } });
    expect(asked.status).toBe(201);
    const granted = await chair.grantFloor({ conferenceId, requestId: asked.body.id });
    expect(granted.body.holder).toMatchObject({ id: asked.body.id, status: 'speaking', speakerName: 'Huỳnh Văn Sơn' });
    // A refusal is a declared answer too, and its body an ErrorResponse.
    expect((await chair.grantFloor({ conferenceId, requestId: asked.body.id })).body).toMatchObject({ statusCode: 409, error: 'FLOOR_REQUEST_NOT_QUEUED' });
    expect((await operator.endConference({ conferenceId })).body).toMatchObject({ statusCode: 403, error: 'ROLE_FORBIDDEN' });

    expect((await chair.endConference({ conferenceId })).body.status).toBe('ended');
    expect((await chair.getConference({ conferenceId })).body.floor.holder).toBeNull();
    const actions = (await chair.listAuditEntries({ conferenceId })).body.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['conference.start', 'attendance.check-in', 'conference.end']));
  });
});
