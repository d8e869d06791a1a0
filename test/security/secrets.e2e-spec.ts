// Issue #8, "a leaked secret": development secrets only in development or test mode, strong and
// distinct secrets and a bounded token lifetime otherwise. Real meeting service, PostgreSQL, Redis.
import { TOKEN_PARTIES } from '@hoinghi/contracts';
import { DEV_SECRETS } from '@hoinghi/server-kit';
import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '../../apps/meeting/src/config/app-config';
import { loadMediaConfig } from '../../apps/media/src/config/media-config';
import { Api, MeetingHarness } from '../support/meeting-harness';
import { testAppDatabaseUrl, testDatabaseUrl } from '../support/test-config';

const STRONG_JWT = 'production-jwt-secret-of-at-least-32-bytes';
const STRONG_MEDIA = 'production-media-secret-of-at-least-32-bytes';
const STRONG_BALLOT = 'a-production-ballot-seal-key-of-enough-length-42';
/** The environment of `npm run start:meeting` on a server where nobody set NODE_ENV (two database roles, as production needs). */
const plainStart = { DATABASE_URL: testAppDatabaseUrl(), DATABASE_OWNER_URL: testDatabaseUrl(), PORT: '0' };

/** An administrator's access token as anyone holding the repository could sign it. */
const forged = (userId: string, secret: string) =>
  new JwtService().sign({ sub: userId, typ: 'access' }, { secret, algorithm: 'HS256', expiresIn: 3600, ...TOKEN_PARTIES.access });

describe('secrets and the run mode', () => {
  it('a service not started in development or test mode refuses to start on the development secrets', () => {
    for (const env of [plainStart, { ...plainStart, NODE_ENV: 'production' }, { ...plainStart, NODE_ENV: 'Production' }]) {
      expect(() => loadConfig(env)).toThrow(/^JWT_SECRET must be set/);
      expect(() => loadMediaConfig(env)).toThrow(/^MEDIA_TOKEN_SECRET must be set/);
    }
  });

  it.each([
    ['a 16-character secret', { JWT_SECRET: 'sixteen-chars-ok', MEDIA_TOKEN_SECRET: STRONG_MEDIA }, 'JWT_SECRET must be at least 32 bytes long, got 16'],
    ['MEDIA_TOKEN_SECRET=x', { JWT_SECRET: STRONG_JWT, MEDIA_TOKEN_SECRET: 'x' }, 'MEDIA_TOKEN_SECRET must be at least 32 bytes long, got 1'],
    ['one secret for both', { JWT_SECRET: STRONG_JWT, MEDIA_TOKEN_SECRET: STRONG_JWT }, 'JWT_SECRET and MEDIA_TOKEN_SECRET must be different secrets'],
    ['the published secret', { JWT_SECRET: 'hoinghi-dev-secret-change-me', MEDIA_TOKEN_SECRET: STRONG_MEDIA }, 'JWT_SECRET must not be the development secret published in the repository'],
    ['no BALLOT_SEAL_KEY', { JWT_SECRET: STRONG_JWT, MEDIA_TOKEN_SECRET: STRONG_MEDIA }, 'BALLOT_SEAL_KEY must be set (at least 32 random bytes)'],
    ['JWT_EXPIRES_IN=forever', { JWT_SECRET: STRONG_JWT, MEDIA_TOKEN_SECRET: STRONG_MEDIA, BALLOT_SEAL_KEY: STRONG_BALLOT, JWT_EXPIRES_IN: 'forever' }, 'JWT_EXPIRES_IN must be a duration such as 30m or 12h, between 30m and 24h, got "forever"'],
  ])('production refuses %s', (_, secrets, sentence) => {
    expect(() => loadConfig({ ...plainStart, NODE_ENV: 'production', ...secrets })).toThrow(sentence);
  });

  describe('a production-configured meeting service', () => {
    let meeting: MeetingHarness;
    let adminId: string;

    beforeAll(async () => {
      const config = loadConfig({ ...plainStart, JWT_SECRET: STRONG_JWT, MEDIA_TOKEN_SECRET: STRONG_MEDIA, BALLOT_SEAL_KEY: STRONG_BALLOT });
      expect(config.mode).toBe('production');
      meeting = await MeetingHarness.start(config);
      adminId = (await meeting.createUser(`admin.${Date.now().toString(36)}`, 'Quản trị', { isAdmin: true })).id;
    });

    afterAll(() => meeting?.stop());

    it('refuses an admin token signed with a development secret, and accepts one signed with its own', async () => {
      for (const secret of [DEV_SECRETS.JWT_SECRET, DEV_SECRETS.MEDIA_TOKEN_SECRET, 'hoinghi-dev-secret-change-me']) {
        const answer = await new Api(meeting.url, forged(adminId, secret)).get('/auth/me');
        expect(answer).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
      }
      expect(await new Api(meeting.url, forged(adminId, STRONG_JWT)).get('/auth/me')).toMatchObject({ status: 200, body: { id: adminId, isAdmin: true } });
    });

    it('refuses a socket with a token signed with a development secret', async () => {
      await expect(meeting.connect(forged(adminId, DEV_SECRETS.JWT_SECRET))).rejects.toMatchObject({ data: { statusCode: 401, error: 'UNAUTHENTICATED' } });
    });
  });
});
