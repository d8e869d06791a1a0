import {
  assertDistinctSecrets, envInt, envSecret, envUrl, HTTP_PROTOCOLS, LOCAL_REDIS_URL, REDIS_PROTOCOLS, RunMode, runMode,
} from '@hoinghi/server-kit';
import { FLOOR_QUEUE_HEAD, GATEWAY_ID } from '@hoinghi/contracts';
import { isIP } from 'node:net';
import { cpus, hostname } from 'node:os';

/** The media gateway's configuration, read once from the environment and validated at start-up. */
export interface MediaConfig {
  /** `development` and `test` only when NODE_ENV says exactly so; anything else is production. */
  mode: RunMode;
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
  /** The meeting service as this gateway reaches it (internal routes: the floor holder after a restart or a Redis outage). */
  meetingInternalUrl: string;
  /** A router takes this many sites; the next ones go to another router (another worker) fed by pipeToRouter. */
  maxPeersPerRouter: number;
  /** Up to this many connected sites, districts keep paused consumers of every site ("warm standby"), so a floor switch is a resume. */
  standbyMaxSites: number;
  /**
   * The next speakers in the floor queue whose video flows to every site at its lowest layer (each costs a
   * site at most the lowest layer's 150 kbit/s), so that a grant to one of them shows its picture at once; 0: none.
   */
  warmSpeakers: number;
  /**
   * MEDIA_SEND_LAYERS_HOLD_MS: a camera's send layer (rooms/send-layers.ts) goes up at once but down only
   * after nobody has wanted the higher layers for this long: a speaker who leaves the floor and asks again,
   * or a tile that shrinks and grows back, does not restart the encoder's upper layers (slow: the browser's
   * bandwidth estimate falls while it sends less).
   */
  sendLayersHoldMs: number;
  /** How often per-site quality is sampled, ms. */
  qualityIntervalMs: number;
  /** Where recordings go: <recordingsDir>/<conferenceId>/<timestamp>.webm. */
  recordingsDir: string;
  ffmpegPath: string;
  /** Allow PlainTransports over signalling (tests, benchmarks, ffmpeg ingest on a trusted network). */
  allowPlainRtp: boolean;
  /** The only addresses a plain recv transport sends RTP to (MEDIA_PLAIN_RTP_ALLOWED_HOSTS; loopback by default). */
  plainRtpAllowedHosts: string[];
  /** Handed to browsers with each transport (TURN for sites behind strict NAT), JSON in MEDIA_ICE_SERVERS. */
  iceServers: Array<{ urls: string | string[]; username?: string; credential?: string }>;
  /** Set when this gateway is one of several (MEDIA_PUBLIC_URL given): see cluster/. Null: a single gateway, as before. */
  cluster: ClusterConfig | null;
}

export interface ClusterConfig {
  /** MEDIA_GATEWAY_ID: the same across restarts (a restarted gateway takes its sites back), by default the host name. */
  gatewayId: string;
  /** MEDIA_PUBLIC_URL: where browsers reach this gateway; the meeting service hands it to the sites it places here. */
  publicUrl: string;
  /** MEDIA_PIPE_ADDRESS: where the other gateways send RTP to this one (default MEDIA_ANNOUNCED_ADDRESS, else MEDIA_LISTEN_IP). */
  pipeAddress: string;
  /** MEDIA_PIPE_PORTS, "min-max": the UDP ports of pipe transports between gateways (one per conference and pair of gateways). */
  pipePorts: { min: number; max: number };
  /** MEDIA_CLUSTER_HEARTBEAT_MS: how often this gateway announces itself; it counts as dead three heartbeats after the last. */
  heartbeatMs: number;
  /**
   * MEDIA_ROOM_STATE_MS: a conference's room state (every site here and what it publishes) is written at most
   * this often; the first change after a quiet spell goes at once. A burst of joins to a national
   * conference would otherwise rewrite, and make every other gateway re-read, a list of thousands of sites per join.
   */
  roomStateMs: number;
}

export function loadMediaConfig(env: NodeJS.ProcessEnv = process.env): MediaConfig {
  const secret = envSecret(env, 'MEDIA_TOKEN_SECRET');
  // The gateway does not need JWT_SECRET; if a shared environment file sets it, it must still differ.
  if (env.JWT_SECRET) assertDistinctSecrets(env, env.JWT_SECRET, secret);
  const allowPlainRtp = env.MEDIA_ALLOW_PLAIN_RTP === '1' || env.MEDIA_ALLOW_PLAIN_RTP === 'true';
  if (allowPlainRtp && runMode(env) === 'production') {
    throw new Error('MEDIA_ALLOW_PLAIN_RTP must not be set in production: plain RTP is neither encrypted nor authenticated, any site could send or pull unprotected media');
  }
  return {
    mode: runMode(env),
    port: envInt(env, 'MEDIA_PORT', 3100, 0, 65535),
    workers: envInt(env, 'MEDIA_WORKERS', cpus().length, 1, 256),
    rtcBasePort: envInt(env, 'MEDIA_RTC_PORT', 40000, 1024, 65000),
    listenIp: env.MEDIA_LISTEN_IP || '127.0.0.1',
    announcedAddress: env.MEDIA_ANNOUNCED_ADDRESS || null,
    redisUrl: envUrl(env, 'REDIS_URL', LOCAL_REDIS_URL, REDIS_PROTOCOLS),
    mediaTokenSecret: secret,
    meetingInternalUrl: envUrl(env, 'MEETING_INTERNAL_URL', 'http://127.0.0.1:3000', HTTP_PROTOCOLS),
    maxPeersPerRouter: envInt(env, 'MEDIA_MAX_PEERS_PER_ROUTER', 200, 1, 100000),
    standbyMaxSites: envInt(env, 'MEDIA_STANDBY_MAX_SITES', 30, 0, 100000),
    warmSpeakers: envInt(env, 'MEDIA_WARM_SPEAKERS', 1, 0, FLOOR_QUEUE_HEAD),
    sendLayersHoldMs: envInt(env, 'MEDIA_SEND_LAYERS_HOLD_MS', 5000, 0, 600_000),
    qualityIntervalMs: envInt(env, 'MEDIA_QUALITY_INTERVAL_MS', 2000, 100, 60000),
    recordingsDir: env.MEDIA_RECORDINGS_DIR || 'recordings',
    ffmpegPath: env.MEDIA_FFMPEG || '/usr/bin/ffmpeg',
    allowPlainRtp,
    plainRtpAllowedHosts: plainRtpHosts(env.MEDIA_PLAIN_RTP_ALLOWED_HOSTS),
    iceServers: iceServers(env.MEDIA_ICE_SERVERS),
    cluster: clusterConfig(env),
  };
}

function clusterConfig(env: NodeJS.ProcessEnv): ClusterConfig | null {
  if (!env.MEDIA_PUBLIC_URL) return null;
  const publicUrl = envUrl(env, 'MEDIA_PUBLIC_URL', '', HTTP_PROTOCOLS);
  const gatewayId = env.MEDIA_GATEWAY_ID || hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64);
  if (!GATEWAY_ID.test(gatewayId)) throw new Error(`MEDIA_GATEWAY_ID must be 1 to 64 letters, digits, dots, dashes or underscores, got "${gatewayId}"`);
  const pipeAddress = env.MEDIA_PIPE_ADDRESS || env.MEDIA_ANNOUNCED_ADDRESS || env.MEDIA_LISTEN_IP || '127.0.0.1';
  // The other gateways connect to it as given: an address, not a name (and not 0.0.0.0).
  if (isIP(pipeAddress) === 0 || pipeAddress === '0.0.0.0' || pipeAddress === '::') {
    throw new Error(`MEDIA_PIPE_ADDRESS (or MEDIA_ANNOUNCED_ADDRESS) must be the IP address other gateways reach this one at, got "${pipeAddress}"`);
  }
  const range = /^(\d{4,5})-(\d{4,5})$/.exec(env.MEDIA_PIPE_PORTS || '44000-44999');
  const pipePorts = range ? { min: Number(range[1]), max: Number(range[2]) } : null;
  if (!pipePorts || pipePorts.min < 1024 || pipePorts.max > 65535 || pipePorts.min > pipePorts.max) {
    throw new Error(`MEDIA_PIPE_PORTS must be a port range "min-max" within 1024-65535, got "${env.MEDIA_PIPE_PORTS}"`);
  }
  return {
    gatewayId, publicUrl, pipeAddress, pipePorts, heartbeatMs: envInt(env, 'MEDIA_CLUSTER_HEARTBEAT_MS', 2000, 200, 60_000),
    roomStateMs: envInt(env, 'MEDIA_ROOM_STATE_MS', 200, 0, 10_000),
  };
}

/** A comma-separated list of IP addresses (no names: mediasoup connects to addresses, and a name could change). */
function plainRtpHosts(raw: string | undefined): string[] {
  if (!raw || !raw.trim()) return ['127.0.0.1', '::1'];
  const hosts = raw.split(',').map((h) => h.trim()).filter(Boolean);
  const bad = hosts.filter((h) => isIP(h) === 0);
  if (bad.length) throw new Error(`MEDIA_PLAIN_RTP_ALLOWED_HOSTS must be IP addresses separated by commas, got "${bad.join('", "')}"`);
  return hosts;
}

function iceServers(raw: string | undefined): MediaConfig['iceServers'] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('MEDIA_ICE_SERVERS must be JSON, e.g. [{"urls":"turn:turn.example.vn:3478","username":"u","credential":"p"}]');
  }
  const valid = Array.isArray(parsed) && parsed.every((s) => s && (typeof s.urls === 'string' || Array.isArray(s.urls)));
  if (!valid) throw new Error('MEDIA_ICE_SERVERS must be an array of {urls, username?, credential?}');
  return parsed as MediaConfig['iceServers'];
}

export const MEDIA_CONFIG = Symbol('MEDIA_CONFIG');
