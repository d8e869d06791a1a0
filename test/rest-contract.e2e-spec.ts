// What a third party's client relies on beyond the happy path: rule checks that name their field,
// the HTTP layer's own refusals in the same ErrorResponse, paging, and 404s for ids of another conference.
import type { ConferenceSnapshot, ErrorResponse, UserPage } from '@hoinghi/contracts';
import { Api, MeetingHarness } from './support/meeting-harness';

describe('the REST contract at its edges', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let unitId: string;
  const run = `c${Date.now().toString(36)}`;

  const conference = (patch: Record<string, unknown> = {}) => ({
    title: 'Hội nghị trực tuyến sơ kết công tác tổ chức', kind: 'review', hostUnitId: unitId,
    plannedStart: '2026-12-02T01:00:00Z', plannedEnd: '2026-12-02T03:00:00Z',
    sites: [
      { key: 'main', name: 'Hội trường Tỉnh ủy', orgUnitId: unitId, isMain: true },
      { key: 'a', name: 'Điểm cầu A', orgUnitId: unitId },
    ],
    agenda: [{ title: 'Khai mạc', kind: 'report', plannedMinutes: 5 }],
    ...patch,
  });

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    unitId = (await meeting.createOrgUnit('Tỉnh Đồng Tháp', 'province')).id;
    await meeting.createUser(`${run}.chutri`, 'Lê Thị Hoa', { canConvene: true });
    chair = new Api(meeting.url).as(await meeting.login(`${run}.chutri`));
  });

  afterAll(() => meeting?.stop());

  // Sites of a request by key, each with the org unit; `parentKey` and `isMain` as given.
  const sites = (...specs: Array<[key: string, extra?: Record<string, unknown>]>) =>
    specs.map(([key, extra]) => ({ key, name: `Điểm cầu ${key}`, orgUnitId: unitId, ...extra }));

  it.each([
    ['a missing title', () => ({ title: undefined }), 'VALIDATION_FAILED', { title: ['is required'] }],
    ['an overlong title', () => ({ title: 'x'.repeat(301) }), 'VALIDATION_FAILED', { title: ['must be at most 300 characters'] }],
    ['an end before the start', () => ({ plannedEnd: '2026-12-02T00:00:00Z' }), 'PLANNED_END_NOT_AFTER_START', {
      plannedEnd: ['must be after plannedStart'],
    }],
    ['a quorum of 3/2', () => ({ quorumNumerator: 3, quorumDenominator: 2 }), 'QUORUM_RULE_INVALID', {
      quorumNumerator: ['must be a whole number from 1 to quorumDenominator (2): a quorum is at most everyone'],
    }],
    ['a site with an empty org unit', () => ({ sites: [{ ...sites(['main', { isMain: true }])[0], orgUnitId: '' }] }), 'VALIDATION_FAILED', {
      'sites.0.orgUnitId': ['must be a UUID'],
    }],
    ['no main site', () => ({ sites: sites(['a']) }), 'MAIN_SITE_NOT_ONE', { sites: ['must make exactly one site the main site (isMain), not 0'] }],
    ['two main sites', () => ({ sites: sites(['main', { isMain: true }], ['b', { isMain: true }]) }), 'MAIN_SITE_NOT_ONE', {
      'sites.1.isMain': ['must make exactly one site the main site (isMain), not 2'],
    }],
    ['an unknown parent', () => ({ sites: sites(['main', { isMain: true }], ['a'], ['b'], ['c', { parentKey: 'ghost' }]) }), 'SITE_PARENT_UNKNOWN', {
      'sites.3.parentKey': ['"ghost" names no site of this request'],
    }],
    ['a cycle', () => ({ sites: sites(['main', { isMain: true }], ['a', { parentKey: 'b' }], ['b', { parentKey: 'a' }]) }), 'SITE_TREE_CYCLE', {
      'sites.1.parentKey': ['"b" leads back to site "a" (a cycle)'],
    }],
  ])('refuses %s with 400, its code and the field', async (_what, patch, code, fields) => {
    const answer = await chair.post<ErrorResponse>('/conferences', conference(patch()));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, error: code, fields });
  });

  it('names the field of an agenda reorder that does not list every item', async () => {
    const created = await chair.post<ConferenceSnapshot>('/conferences', conference());
    const reorder = await chair.put<ErrorResponse>(`/conferences/${created.body.conference.id}/agenda/order`, {
      itemIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(reorder.body).toEqual({
      statusCode: 400, error: 'AGENDA_ORDER_INVALID', message: 'itemIds must list every agenda item of the conference exactly once.',
      fields: { itemIds: ['must list every agenda item of the conference exactly once'] },
    });
  });

  it('names the field when a site role comes without its site, or a speaker is not a delegate of the site', async () => {
    const { conference: { id }, sites } = (await chair.post<ConferenceSnapshot>('/conferences', conference())).body;
    const user = await meeting.createUser(`${run}.daibieu`, 'Đặng Văn Bình');
    const noSite = await chair.post<ErrorResponse>(`/conferences/${id}/participants`, { userId: user.id, role: 'delegate' });
    expect(noSite.body).toMatchObject({ statusCode: 400, error: 'SITE_REQUIRED_FOR_ROLE', fields: { siteId: ['is required for the role delegate'] } });

    const delegate = await chair.post<{ id: string }>(`/conferences/${id}/participants`, { userId: user.id, role: 'delegate', siteId: sites[1].id });
    await chair.post(`/conferences/${id}/start`);
    const elsewhere = await chair.post<ErrorResponse>(`/conferences/${id}/floor/requests`, { siteId: sites[0].id, participantId: delegate.body.id });
    expect(elsewhere.body).toMatchObject({
      statusCode: 400, error: 'SPEAKER_NOT_AT_SITE', fields: { participantId: ['must be a delegate attending at siteId'] },
    });
  });

  it('answers 404 SITE_NOT_FOUND for the attendance of a site of another conference', async () => {
    const first = (await chair.post<ConferenceSnapshot>('/conferences', conference())).body;
    const second = (await chair.post<ConferenceSnapshot>('/conferences', conference())).body;
    const own = await chair.get(`/conferences/${first.conference.id}/sites/${first.sites[1].id}/attendance`);
    expect(own.status).toBe(200);
    const foreign = await chair.get<ErrorResponse>(`/conferences/${first.conference.id}/sites/${second.sites[1].id}/attendance`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error).toBe('SITE_NOT_FOUND');
  });

  it('pages GET /users with limit and offset, and says how many match in all', async () => {
    for (let n = 1; n <= 5; n++) await meeting.createUser(`${run}.u${n}`, `Phạm Văn Trang ${n}`);
    const first = await chair.get<UserPage>('/users?q=pham%20van%20trang&limit=2');
    expect(first.body).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(first.body.items.map((u) => u.fullName)).toEqual(['Phạm Văn Trang 1', 'Phạm Văn Trang 2']);
    const last = await chair.get<UserPage>('/users?q=pham%20van%20trang&limit=2&offset=4');
    expect(last.body.items.map((u) => u.fullName)).toEqual(['Phạm Văn Trang 5']);
    expect((await chair.get<UserPage>('/users?q=pham%20van%20trang')).body.limit).toBe(50);
    const tooMany = await chair.get<ErrorResponse>('/users?limit=201');
    expect(tooMany.body).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED', fields: { limit: ['must be at most 200'] } });
  });

  it('answers the HTTP layer\'s own refusals as ErrorResponses with codes of the list', async () => {
    const unknownRoute = await chair.get<ErrorResponse>('/no-such-thing');
    expect(unknownRoute.body).toMatchObject({ statusCode: 404, error: 'ROUTE_NOT_FOUND' });

    const malformed = await fetch(`${meeting.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ statusCode: 400, error: 'MALFORMED_REQUEST' });

    const huge = await chair.post<ErrorResponse>('/conferences', conference({ title: 'x'.repeat(3_000_000) }));
    expect(huge.body).toMatchObject({ statusCode: 413, error: 'PAYLOAD_TOO_LARGE' });
    // The documented 5000 sites (about 1 MB) get past the body parser to validation.
    const many = await chair.post<ErrorResponse>('/conferences', conference({ title: '', sites: sites(...Array.from({ length: 5000 }, (_, i): [string] => [`s${i}`])) }));
    expect(many.body).toMatchObject({ statusCode: 400, fields: { title: ['must not be empty'] } });
  });
});
