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

  it.each([
    ['a missing title', { title: undefined }, 'VALIDATION_FAILED', { title: ['is required'] }],
    ['an overlong title', { title: 'x'.repeat(301) }, 'VALIDATION_FAILED', { title: ['must be at most 300 characters'] }],
    ['an end before the start', { plannedEnd: '2026-12-02T00:00:00Z' }, 'PLANNED_END_NOT_AFTER_START', { plannedEnd: ['must be after plannedStart'] }],
    ['a quorum of 3/2', { quorumNumerator: 3, quorumDenominator: 2 }, 'QUORUM_RULE_INVALID', {
      quorumNumerator: ['must be a whole number from 1 to quorumDenominator (2): a quorum is at most everyone'],
    }],
    ['a site with an empty org unit', { sites: [{ key: 'main', name: 'Hội trường', orgUnitId: '', isMain: true }] }, 'VALIDATION_FAILED', { 'sites.0.orgUnitId': ['must be a UUID'] }],
    ['no main site', { sites: [{ key: 'a', name: 'Điểm cầu A', orgUnitId: '00000000-0000-4000-8000-000000000000' }] }, 'MAIN_SITE_NOT_ONE', { sites: ['must make exactly one site the main site (isMain), not 0'] }],
    ['two main sites', 'two-mains', 'MAIN_SITE_NOT_ONE', { 'sites.1.isMain': ['must make exactly one site the main site (isMain), not 2'] }],
    ['an unknown parent', 'unknown-parent', 'SITE_PARENT_UNKNOWN', { 'sites.3.parentKey': ['"ghost" names no site of this request'] }],
  ])('refuses %s with 400, its code and the field', async (_what, patch, code, fields) => {
    const sites = (extra: Record<string, unknown>[]) => [{ key: 'main', name: 'Hội trường', orgUnitId: unitId, isMain: true }, ...extra];
    const body = patch === 'two-mains'
      ? conference({ sites: sites([{ key: 'b', name: 'B', orgUnitId: unitId, isMain: true }]) })
      : patch === 'unknown-parent'
        ? conference({ sites: sites(['a', 'b'].map((key) => ({ key, name: key, orgUnitId: unitId })).concat({ key: 'c', name: 'c', orgUnitId: unitId, parentKey: 'ghost' } as never)) })
        : conference(patch as Record<string, unknown>);
    const answer = await chair.post<ErrorResponse>('/conferences', body);
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

    const huge = await chair.post<ErrorResponse>('/conferences', conference({ title: 'x'.repeat(2_000_000) }));
    expect(huge.body).toMatchObject({ statusCode: 413, error: 'PAYLOAD_TOO_LARGE' });
  });
});
