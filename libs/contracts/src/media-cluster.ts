// Several media gateways (one per host) serving one conference: how each announces itself in Redis and
// how the meeting service places a site on one of them. What the gateways tell each other (pipe
// requests, room states) is theirs alone: apps/media/src/cluster/cluster-messages.ts.
//
// A gateway joins the cluster when it is given MEDIA_PUBLIC_URL (where browsers reach it). Every
// MEDIA_CLUSTER_HEARTBEAT_MS it writes its GatewayAnnouncement under `gateway(id)` with a time to live of
// three heartbeats and adds its id to `gateways`; a gateway whose key has expired is dead. With no live
// gateway in Redis the meeting service answers its own MEDIA_PUBLIC_URL, as with a single gateway.

export const MediaClusterKey = {
  /** Set of gateway ids that have announced themselves (some may be dead: their key has expired). */
  gateways: 'hoinghi:media:gateways',
  /** A gateway's GatewayAnnouncement (JSON), expiring three heartbeats after it was written. */
  gateway: (gatewayId: string) => `hoinghi:media:gateway:${gatewayId}`,
  /** Sites placed on a gateway since its last heartbeat (a counter with a heartbeat's lifetime): a burst of joins spreads out. */
  recentlyPlaced: (gatewayId: string) => `hoinghi:media:gateway:${gatewayId}:placed`,
  /** Hash siteId → gatewayId: where each site of a conference was placed (a site's connections all go there). */
  placements: (conferenceId: string) => `hoinghi:media:placements:${conferenceId}`,
} as const;

/** A gateway's id (MEDIA_GATEWAY_ID, by default the host name): letters, digits, dot, dash, underscore. */
export const GATEWAY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface GatewayAnnouncement {
  v: 1;
  gatewayId: string;
  /** New at every start of the process: a restarted gateway has none of its former rooms or pipes. */
  instance: string;
  /** Where browsers connect socket.io (namespace /media): this gateway's MEDIA_PUBLIC_URL. */
  url: string;
  /** Where other gateways' pipe transports send this gateway RTP (MEDIA_PIPE_ADDRESS). */
  pipeAddress: string;
  /** Its load: sites connected (over every conference) and consumers. */
  sites: number;
  consumers: number;
  /** How often it writes this; the key lives three times as long. */
  heartbeatMs: number;
  at: string;
}

const MAX_ANNOUNCEMENT = 4096;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000_000;

/** A GatewayAnnouncement read from Redis, or null when the value is not exactly one. */
export function parseGatewayAnnouncement(message: string | null): GatewayAnnouncement | null {
  if (typeof message !== 'string' || message.length > MAX_ANNOUNCEMENT) return null;
  let e: Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(message);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    e = value as Record<string, unknown>;
  } catch {
    return null;
  }
  if (e.v !== 1 || typeof e.gatewayId !== 'string' || !GATEWAY_ID.test(e.gatewayId)) return null;
  if (typeof e.instance !== 'string' || !UUID.test(e.instance)) return null;
  if (typeof e.url !== 'string' || !/^https?:\/\/[^\s"'<>]{1,200}$/.test(e.url)) return null;
  if (typeof e.pipeAddress !== 'string' || !/^[0-9a-fA-F.:]{2,45}$/.test(e.pipeAddress)) return null;
  if (!count(e.sites) || !count(e.consumers) || !count(e.heartbeatMs) || e.heartbeatMs < 100) return null;
  if (typeof e.at !== 'string' || Number.isNaN(Date.parse(e.at))) return null;
  return {
    v: 1, gatewayId: e.gatewayId, instance: e.instance, url: e.url.replace(/\/+$/, ''), pipeAddress: e.pipeAddress,
    sites: e.sites, consumers: e.consumers, heartbeatMs: e.heartbeatMs, at: e.at,
  };
}
