// The audit trail is append-only in the database itself: the services' role may add to it and read
// it, never rewrite or erase it, and deleting a conference leaves its trail in place.
import { MeetingHarness } from '../support/meeting-harness';

describe('the audit trail', () => {
  let meeting: MeetingHarness;
  let conferenceId: string;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    const { snapshot, chair } = await meeting.liveConference(`au${Date.now().toString(36)}`, ['Huyện Lai Vung']);
    conferenceId = snapshot.conference.id;
    await chair.post(`/conferences/${conferenceId}/agenda/next`);
  });

  afterAll(async () => {
    await meeting?.stop();
  });

  const entries = async () =>
    Number((await meeting.dataSource.query('SELECT count(*) AS n FROM audit_entries WHERE conference_id = $1', [conferenceId]))[0].n);

  it('cannot be edited or erased through the connection the service uses', async () => {
    const [{ role }] = await meeting.dataSource.query('SELECT current_user AS role');
    expect(role).toBe('hoinghi_app');
    const before = await entries();
    expect(before).toBeGreaterThan(3);
    for (const statement of [
      `UPDATE audit_entries SET action = 'conference.forged' WHERE conference_id = $1`,
      `DELETE FROM audit_entries WHERE conference_id = $1`,
    ]) {
      await expect(meeting.dataSource.query(statement, [conferenceId])).rejects.toThrow(/permission denied for table audit_entries/);
    }
    await expect(meeting.dataSource.query('TRUNCATE audit_entries')).rejects.toThrow(/permission denied/);
    expect(await entries()).toBe(before);
  });

  it('outlives its conference', async () => {
    const before = await entries();
    await meeting.dataSource.query('DELETE FROM conferences WHERE id = $1', [conferenceId]);
    expect(await meeting.dataSource.query('SELECT id FROM conferences WHERE id = $1', [conferenceId])).toEqual([]);
    expect(await entries()).toBe(before);
  });
});
