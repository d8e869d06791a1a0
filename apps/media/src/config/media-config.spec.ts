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

describe('loadMediaConfig: several gateways', () => {
  const test = { NODE_ENV: 'test' };

  it('is a single gateway, outside any cluster, without MEDIA_PUBLIC_URL', () => {
    expect(loadMediaConfig(test).cluster).toBeNull();
  });

  it('joins the cluster with MEDIA_PUBLIC_URL, pipes from the announced address', () => {
    expect(loadMediaConfig({ ...test, MEDIA_PUBLIC_URL: 'https://media2.tinh.gov.vn/', MEDIA_GATEWAY_ID: 'media-2', MEDIA_ANNOUNCED_ADDRESS: '10.0.0.12' }).cluster).toEqual({
      gatewayId: 'media-2', publicUrl: 'https://media2.tinh.gov.vn', pipeAddress: '10.0.0.12', pipePorts: { min: 44000, max: 44999 }, heartbeatMs: 2000, roomStateMs: 200,
    });
    expect(loadMediaConfig({ ...test, MEDIA_PUBLIC_URL: 'http://a:3100', MEDIA_PIPE_ADDRESS: '10.1.1.1', MEDIA_PIPE_PORTS: '45000-45099' }).cluster)
      .toMatchObject({ pipeAddress: '10.1.1.1', pipePorts: { min: 45000, max: 45099 } });
  });

  it('refuses what another gateway could not connect to', () => {
    const base = { ...test, MEDIA_PUBLIC_URL: 'http://a:3100' };
    expect(() => loadMediaConfig({ ...base, MEDIA_GATEWAY_ID: 'media 2' })).toThrow('MEDIA_GATEWAY_ID must be 1 to 64 letters');
    expect(() => loadMediaConfig({ ...base, MEDIA_PIPE_ADDRESS: 'media2.local' })).toThrow('MEDIA_PIPE_ADDRESS (or MEDIA_ANNOUNCED_ADDRESS) must be the IP address');
    expect(() => loadMediaConfig({ ...base, MEDIA_LISTEN_IP: '0.0.0.0' })).toThrow('MEDIA_PIPE_ADDRESS');
    expect(() => loadMediaConfig({ ...base, MEDIA_PIPE_PORTS: '45000' })).toThrow('MEDIA_PIPE_PORTS must be a port range');
    expect(() => loadMediaConfig({ ...base, MEDIA_PIPE_PORTS: '45099-45000' })).toThrow('MEDIA_PIPE_PORTS must be a port range');
    expect(() => loadMediaConfig({ ...base, MEDIA_PUBLIC_URL: 'ftp://a' })).toThrow('MEDIA_PUBLIC_URL must start with http: or https:');
  });
});
