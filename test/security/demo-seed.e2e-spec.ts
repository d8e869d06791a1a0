// Issue #8: "demo seed on a production database — nothing stops it; it creates an admin with the
// published demo password". The seed refuses NODE_ENV=production and any database holding users or
// conferences that are not the demo's.
import { UserEntity } from '@hoinghi/database';
import { seedDemo } from '../../apps/meeting/src/demo/seed-demo';
import { MeetingHarness } from '../support/meeting-harness';

describe('the demo seed', () => {
  let meeting: MeetingHarness;

  afterEach(async () => {
    await meeting?.stop();
  });

  it('refuses a database that already holds someone else\'s users, and creates no administrator there', async () => {
    meeting = await MeetingHarness.start({}, { ownDatabase: 'security_seed_foreign' });
    await meeting.createUser('nguyenvana', 'Nguyễn Văn A');
    await expect(seedDemo(meeting.app)).rejects.toThrow(/refuses this database: it already holds 1 user\(s\) and 0 conference\(s\) that are not the demo's/);
    expect(await meeting.dataSource.manager.exists(UserEntity, { where: { username: 'quantri' } })).toBe(false);
  });

  it('refuses NODE_ENV=production even on an empty database', async () => {
    meeting = await MeetingHarness.start({ production: true }, { ownDatabase: 'security_seed_production' });
    await expect(seedDemo(meeting.app)).rejects.toThrow(/refuses to run with NODE_ENV=production/);
    expect(await meeting.dataSource.manager.count(UserEntity)).toBe(0);
  });

  it('still seeds an empty database, and a second run changes nothing', async () => {
    meeting = await MeetingHarness.start({}, { ownDatabase: 'security_seed_empty' });
    expect((await seedDemo(meeting.app)).conference).not.toBeNull();
    expect((await seedDemo(meeting.app)).conference).toBeNull();
  });
});
