import { cpus } from 'node:os';

/** The media gateway's configuration, read once from the environment and validated at start-up. */
export interface MediaConfig {
  port: number;
  /** mediasoup workers; one per core by default. */
  workers: number;
  /** First UDP/TCP port of the WebRtcServers: worker i listens on rtcBasePort + i. */
  rtcBasePort: number;
  listenIp: string;
  /** The address sites reach this host at (public or LAN IP); defaults to listenIp. */
  announcedAddress: string | null;
  redisUrl: string;
  mediaTokenSecret: string;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

export function loadMediaConfig(env: NodeJS.ProcessEnv = process.env): MediaConfig {
  const secret = env.MEDIA_TOKEN_SECRET || 'hoinghi-dev-secret-change-me';
  if (env.NODE_ENV === 'production' && !env.MEDIA_TOKEN_SECRET) throw new Error('MEDIA_TOKEN_SECRET must be set in production');
  return {
    port: int(env, 'MEDIA_PORT', 3100, 0, 65535),
    workers: int(env, 'MEDIA_WORKERS', cpus().length, 1, 256),
    rtcBasePort: int(env, 'MEDIA_RTC_PORT', 40000, 1024, 65000),
    listenIp: env.MEDIA_LISTEN_IP || '127.0.0.1',
    announcedAddress: env.MEDIA_ANNOUNCED_ADDRESS || null,
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    mediaTokenSecret: secret,
  };
}

export const MEDIA_CONFIG = Symbol('MEDIA_CONFIG');
