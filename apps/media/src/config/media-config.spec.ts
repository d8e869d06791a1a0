import { DEV_SECRETS } from '@hoinghi/server-kit';
import { loadMediaConfig } from './media-config';

const MEDIA = 'm'.repeat(32);

describe('loadMediaConfig: MEDIA_TOKEN_SECRET', () => {
  it('uses the development secret only in development or test mode', () => {
    expect(loadMediaConfig({ NODE_ENV: 'development' })).toMatchObject({ mode: 'development', mediaTokenSecret: DEV_SECRETS.MEDIA_TOKEN_SECRET });
    expect(loadMediaConfig({ NODE_ENV: 'test' }).mediaTokenSecret).toBe(DEV_SECRETS.MEDIA_TOKEN_SECRET);
  });

  it.each([{}, { NODE_ENV: 'production' }, { NODE_ENV: 'Production' }])('refuses to start without it under production rules (%j)', (env) => {
    expect(() => loadMediaConfig(env)).toThrow('MEDIA_TOKEN_SECRET must be set (at least 32 random bytes)');
    expect(loadMediaConfig({ ...env, MEDIA_TOKEN_SECRET: MEDIA })).toMatchObject({ mode: 'production', mediaTokenSecret: MEDIA });
  });

  it('refuses a short or published secret, and JWT_SECRET\'s value, in production', () => {
    expect(() => loadMediaConfig({ MEDIA_TOKEN_SECRET: 'x' })).toThrow('MEDIA_TOKEN_SECRET must be at least 32 bytes long, got 1');
    expect(() => loadMediaConfig({ MEDIA_TOKEN_SECRET: 'hoinghi-dev-secret-change-me' })).toThrow('must not be the development secret');
    expect(() => loadMediaConfig({ MEDIA_TOKEN_SECRET: MEDIA, JWT_SECRET: MEDIA })).toThrow('JWT_SECRET and MEDIA_TOKEN_SECRET must be different secrets');
  });
});
