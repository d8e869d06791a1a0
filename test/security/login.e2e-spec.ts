// Issue #8, "a guessed password": a login flood cannot starve the API (password hashes run a few at a
// time, a full queue answers 429 LOGIN_BUSY with Retry-After), and an unknown user is answered like a
// wrong password. Real meeting service, PostgreSQL, Redis.
import { lookup } from 'node:dns/promises';
import { PasswordChecks } from '../../apps/meeting/src/auth/password-checks';
import { Api, MeetingHarness, TEST_PASSWORD } from '../support/meeting-harness';

const login = (url: string, username: string, password: string) =>
  fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

describe('login under load', () => {
  let meeting: MeetingHarness;
  let api: Api;
  const run = `l${Date.now().toString(36)}`;

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ loginHashConcurrency: 1, loginHashQueue: 64 });
    await meeting.createUser(`${run}.user`, 'Người dùng');
    api = new Api(meeting.url, await meeting.login(`${run}.user`));
  });

  afterAll(() => meeting?.stop());

  it('40 parallel logins leave the API and the thread pool free: GET /conferences and a DNS lookup answer before most of them', async () => {
    const finished: number[] = [];
    const logins = Array.from({ length: 40 }, (_, i) =>
      login(meeting.url, `${run}.user`, `wrong-${i}`).then(async (r) => {
        finished.push(Date.now());
        return r.status;
      }));
    const checks = meeting.app.get(PasswordChecks);
    while (checks.load.waiting < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    // What a request may need besides the event loop: libuv's thread pool (DNS lookups, files, zlib), which
    // unbounded argon2 fills (this test runs in the server's process, so it shares the pool).
    const [listed, lookedUpAt] = await Promise.all([
      api.get('/conferences').then((answer) => ({ ...answer, at: Date.now() })),
      lookup('localhost').then(() => Date.now()),
    ]);
    expect(listed.status).toBe(200);
    const statuses = await Promise.all(logins);
    expect(statuses.every((s) => s === 401)).toBe(true);
    // Functional bound: neither waited for the password hashes queued before them.
    const doneBefore = (at: number) => finished.filter((t) => t <= at).length;
    expect(doneBefore(listed.at)).toBeLessThan(10);
    expect(doneBefore(lookedUpAt)).toBeLessThan(10);
  });

  it('a full queue answers 429 LOGIN_BUSY with Retry-After at once', async () => {
    const small = await MeetingHarness.start({ loginHashConcurrency: 1, loginHashQueue: 2 });
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => login(small.url, `${run}.user`, 'wrong')));
      const busy = answers.filter((r) => r.status === 429);
      expect(busy.length).toBeGreaterThanOrEqual(5);
      expect(busy[0].headers.get('retry-after')).toBe('1');
      expect(await busy[0].json()).toMatchObject({ statusCode: 429, error: 'LOGIN_BUSY', retryAfter: 1 });
      expect(answers.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(3);
    } finally {
      await small.stop();
    }
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const wrong = await login(meeting.url, `${run}.user`, 'not-the-password');
    const unknown = await login(meeting.url, `${run}.nobody`, TEST_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });
});

describe('guessed passwords', () => {
  let meeting: MeetingHarness;
  const run = `g${Date.now().toString(36)}`;

  beforeAll(async () => {
    // The service's real defaults: 10 attempts per username and 30 per address in a minute.
    meeting = await MeetingHarness.start({ loginAttemptsPerUsername: 10, loginAttemptsPerAddress: 30, loginWindowSeconds: 60 });
    for (const name of ['target', 'other']) await meeting.createUser(`${run}.${name}`, 'Người dùng');
  });

  afterAll(() => meeting?.stop());

  it('60 wrong passwords in 30 s for one user: 429 with Retry-After after 10, and not even the right one gets through', async () => {
    const statuses: number[] = [];
    let refused: Response | null = null;
    for (let i = 0; i < 60; i += 1) {
      const answer = await login(meeting.url, `${run}.target`, `wrong-${i}`);
      statuses.push(answer.status);
      if (answer.status === 429) refused ??= answer;
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(50).fill(429));
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused!.json()).toMatchObject({ statusCode: 429, error: 'TOO_MANY_LOGIN_ATTEMPTS', retryAfter: expect.any(Number) });
    expect((await login(meeting.url, `${run}.target`, TEST_PASSWORD)).status).toBe(429);
  });

  it('counts per address too: a guesser spreading attempts over usernames is stopped at 30', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await login(meeting.url, `${run}.nobody${i}`, 'x')).status);
    // 60 attempts from this address in the first test already: everything is refused now, also the other user's right password.
    expect(statuses.every((s) => s === 429)).toBe(true);
    expect((await login(meeting.url, `${run}.other`, TEST_PASSWORD)).status).toBe(429);
  });
});
