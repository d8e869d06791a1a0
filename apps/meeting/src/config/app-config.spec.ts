import { DEV_SECRETS } from '@hoinghi/server-kit';
import { loadConfig } from './app-config';

const JWT = 'j'.repeat(32);
const MEDIA = 'm'.repeat(32);
const BALLOT = 'b'.repeat(32);
const production = { JWT_SECRET: JWT, MEDIA_TOKEN_SECRET: MEDIA, BALLOT_SEAL_KEY: BALLOT };

describe('loadConfig: secrets and the run mode', () => {
  it('uses the development secrets only when NODE_ENV is exactly development or test', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const config = loadConfig({ NODE_ENV });
      expect(config).toMatchObject({ mode: NODE_ENV, production: false, jwtSecret: DEV_SECRETS.JWT_SECRET, mediaTokenSecret: DEV_SECRETS.MEDIA_TOKEN_SECRET });
    }
  });

  it.each([
    ['unset', {}],
    ['production', { NODE_ENV: 'production' }],
    ['Production', { NODE_ENV: 'Production' }],
    ['DEVELOPMENT', { NODE_ENV: 'DEVELOPMENT' }],
    ['bench', { NODE_ENV: 'bench' }],
    ['empty', { NODE_ENV: '' }],
  ])('applies production rules when NODE_ENV is %s: no secret, no start', (_, env) => {
    expect(() => loadConfig(env)).toThrow(
      'JWT_SECRET must be set (at least 32 random bytes), or start with NODE_ENV=development or NODE_ENV=test for the development values',
    );
    expect(loadConfig({ ...env, ...production })).toMatchObject({ mode: 'production', production: true, jwtSecret: JWT, mediaTokenSecret: MEDIA });
  });

  it('refuses a missing MEDIA_TOKEN_SECRET in production', () => {
    expect(() => loadConfig({ JWT_SECRET: JWT })).toThrow('MEDIA_TOKEN_SECRET must be set (at least 32 random bytes)');
  });

  it('refuses a missing or published BALLOT_SEAL_KEY in production', () => {
    expect(() => loadConfig({ JWT_SECRET: JWT, MEDIA_TOKEN_SECRET: MEDIA })).toThrow('BALLOT_SEAL_KEY must be set (at least 32 random bytes)');
    expect(() => loadConfig({ ...production, BALLOT_SEAL_KEY: DEV_SECRETS.BALLOT_SEAL_KEY })).toThrow('BALLOT_SEAL_KEY must not be the development secret');
    expect(loadConfig({ NODE_ENV: 'test' }).ballotSealKey).toEqual({ id: '1', secret: DEV_SECRETS.BALLOT_SEAL_KEY });
  });

  it('refuses a secret shorter than 32 bytes in production (bytes, not characters)', () => {
    expect(() => loadConfig({ ...production, JWT_SECRET: 'x'.repeat(16) })).toThrow('JWT_SECRET must be at least 32 bytes long, got 16');
    expect(() => loadConfig({ ...production, MEDIA_TOKEN_SECRET: 'x' })).toThrow('MEDIA_TOKEN_SECRET must be at least 32 bytes long, got 1');
    // 11 × "ệ" is 11 characters but 33 bytes.
    expect(loadConfig({ ...production, JWT_SECRET: 'ệ'.repeat(11) }).jwtSecret).toBe('ệ'.repeat(11));
  });

  it('refuses the published development secrets in production, old and new', () => {
    for (const secret of [DEV_SECRETS.JWT_SECRET, DEV_SECRETS.MEDIA_TOKEN_SECRET, 'hoinghi-dev-secret-change-me']) {
      expect(() => loadConfig({ ...production, JWT_SECRET: secret })).toThrow('JWT_SECRET must not be the development secret published in the repository');
      expect(() => loadConfig({ ...production, MEDIA_TOKEN_SECRET: secret })).toThrow('MEDIA_TOKEN_SECRET must not be the development secret');
    }
  });

  it('refuses one secret for both kinds of token in production', () => {
    expect(() => loadConfig({ ...production, MEDIA_TOKEN_SECRET: JWT })).toThrow('JWT_SECRET and MEDIA_TOKEN_SECRET must be different secrets');
  });
});

describe('loadConfig: JWT_EXPIRES_IN', () => {
  const expiry = (JWT_EXPIRES_IN: string) => loadConfig({ ...production, JWT_EXPIRES_IN }).jwtExpiresSeconds;

  it('reads 30m … 24h (default 12h)', () => {
    expect(loadConfig(production).jwtExpiresSeconds).toBe(12 * 3600);
    expect(expiry('30m')).toBe(1800);
    expect(expiry('24h')).toBe(86400);
    expect(expiry('3600')).toBe(3600);
    expect(expiry('5400s')).toBe(5400);
  });

  it.each(['forever', '7d', '25h', '10m', '0', '-1h', '1.5h', '12 hours'])('refuses %s', (value) => {
    expect(() => expiry(value)).toThrow(`JWT_EXPIRES_IN must be a duration such as 30m or 12h, between 30m and 24h, got "${value}"`);
  });

  it('holds in development too (a token that never ends is never right)', () => {
    expect(() => loadConfig({ NODE_ENV: 'development', JWT_EXPIRES_IN: 'forever' })).toThrow('JWT_EXPIRES_IN must be a duration');
  });
});

describe('loadConfig: the media gateway as the meeting service reaches it, and recording links', () => {
  it('defaults to the gateway on this machine and four-hour links; refuses what is not an http(s) URL or out of 5m…24h', () => {
    expect(loadConfig(production)).toMatchObject({ mediaInternalUrl: 'http://127.0.0.1:3100', recordingLinkSeconds: 4 * 3600 });
    expect(loadConfig({ ...production, MEDIA_INTERNAL_URL: 'http://media:3100', RECORDING_LINK_EXPIRES_IN: '30m' }))
      .toMatchObject({ mediaInternalUrl: 'http://media:3100', recordingLinkSeconds: 1800 });
    expect(() => loadConfig({ ...production, MEDIA_INTERNAL_URL: 'redis://media:3100' })).toThrow('MEDIA_INTERNAL_URL');
    expect(() => loadConfig({ ...production, RECORDING_LINK_EXPIRES_IN: '2d' })).toThrow('RECORDING_LINK_EXPIRES_IN must be a duration');
  });
});

describe('loadConfig: BALLOT_GROUP_MAX', () => {
  it('defaults to 64 ballots a group (measured: docs/benchmarks.md, "Ballots"); reads 1…1000 and refuses the rest, naming the variable', () => {
    expect(loadConfig(production).ballotGroupMax).toBe(64);
    expect(loadConfig({ ...production, BALLOT_GROUP_MAX: '1' }).ballotGroupMax).toBe(1);
    expect(loadConfig({ ...production, BALLOT_GROUP_MAX: '1000' }).ballotGroupMax).toBe(1000);
    for (const value of ['0', '1001', '2.5', 'many']) {
      expect(() => loadConfig({ ...production, BALLOT_GROUP_MAX: value })).toThrow(`BALLOT_GROUP_MAX must be a whole number between 1 and 1000, got "${value}"`);
    }
  });
});
