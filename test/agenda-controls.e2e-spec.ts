// Two chairs (or one double click) acting on the agenda at once: the control says what its user saw,
// one wins, the other is told who changed it — never two moves.
import type { AgendaChangedBy, AgendaItemView, ConferenceSnapshot, ErrorResponse } from '@hoinghi/contracts';
import { Api, MeetingHarness } from './support/meeting-harness';

describe('agenda controls act on the state their user saw', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let coChair: Api;
  let snapshot: ConferenceSnapshot;
  const run = `ag${Date.now().toString(36)}`;
  const path = (rest: string) => `/conferences/${snapshot.conference.id}/agenda${rest}`;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    ({ chair, snapshot } = await meeting.liveConference(run, ['Huyện Lai Vung']));
    const user = await meeting.createUser(`${run}.dongchutri`, 'Đồng chí Phó Bí thư');
    await chair.post(`/conferences/${snapshot.conference.id}/participants`, { userId: user.id, role: 'co_chair' });
    coChair = new Api(meeting.url).as(await meeting.login(`${run}.dongchutri`));
    for (const title of ['Báo cáo chính trị', 'Thảo luận', 'Bế mạc']) {
      expect((await chair.post(path(''), { title, kind: 'discussion', plannedMinutes: 10 })).status).toBe(201);
    }
  });

  afterAll(() => meeting?.stop());

  it('moves once when two chairs press "next" at the same moment; the other gets 409 naming who moved it', async () => {
    const [first] = (await chair.post<AgendaItemView[]>(path('/next'), { expectedActiveItemId: null })).body;
    expect(first.state).toBe('active');
    const answers = await Promise.all([
      chair.post<AgendaItemView[] | ErrorResponse>(path('/next'), { expectedActiveItemId: first.id }),
      coChair.post<AgendaItemView[] | ErrorResponse>(path('/next'), { expectedActiveItemId: first.id }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409)!.body as ErrorResponse;
    expect(refused.error).toBe('AGENDA_CHANGED');
    const by = refused.current as AgendaChangedBy;
    expect(['Chủ trì hội nghị', 'Đồng chí Phó Bí thư']).toContain(by.name);
    expect(by.agenda.filter((i) => i.state === 'done').map((i) => i.id)).toEqual([first.id]); // one move, not two
    expect(by.agenda.filter((i) => i.state === 'active')).toHaveLength(1);
  });

  it('refuses "skip" pressed on an item that another chair has just started', async () => {
    const agenda = (await chair.get<ConferenceSnapshot>(`/conferences/${snapshot.conference.id}`)).body.agenda;
    const pending = agenda.find((i) => i.state === 'pending')!;
    const active = agenda.find((i) => i.state === 'active')!;
    expect((await chair.post(path(`/${active.id}/complete`), { expectedState: 'active' })).status).toBe(200);
    const [start, skip] = await Promise.all([
      chair.post<AgendaItemView[]>(path(`/${pending.id}/start`), { expectedState: 'pending' }),
      new Promise((resolve) => setTimeout(resolve, 30)).then(() => coChair.post<ErrorResponse>(path(`/${pending.id}/skip`), { expectedState: 'pending' })),
    ]);
    expect(start.status).toBe(200);
    expect(skip).toMatchObject({ status: 409, body: { error: 'AGENDA_CHANGED', current: { name: 'Chủ trì hội nghị' } } });
    expect(start.body.find((i) => i.id === pending.id)!.state).toBe('active');
    // Without an expectation the old behaviour stays (clients that do not say what they saw).
    expect((await chair.post(path('/next'))).status).toBe(200);
    expect((await chair.post<ErrorResponse>(path('/next'), { expectedActiveItemId: 'nope' })).body).toMatchObject({
      error: 'VALIDATION_FAILED', fields: { expectedActiveItemId: ['must be a UUID or null'] },
    });
  });
});
