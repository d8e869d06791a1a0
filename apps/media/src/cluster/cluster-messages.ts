import { GATEWAY_ID, MediaKind } from '@hoinghi/contracts';
import { MAX_SPATIAL_LAYER } from '../quality/quality-policy';

// What the gateways of a cluster tell each other over Redis (the meeting service reads only their
// announcements, contracts/media-cluster.ts). Anything that can publish on Redis can put a message on
// these channels, so every message is parsed into exactly its declared shape before anything acts on it.
//
// - Room states: each gateway keeps, per conference it has a room for, its own field in the hash
//   `roomStates(conferenceId)`: the sites connected to it and what they publish (a shared screen too). After each change it
//   publishes a RoomNotice on ROOM_NOTICES; the other gateways with that conference read the field again.
// - Requests: one channel per gateway (`inbox(gatewayId)`), request and reply by id. A gateway that needs
//   another's producers asks it to `link` (a PipeTransport pair per conference and pair of gateways: the
//   asker's tuple and SRTP key in, the origin's out), then to `pipe` each producer (the origin consumes it on
//   its pipe transport and answers the RTP parameters; the asker produces them with the same id) and to
//   `unpipe` it when no site of the asker needs it any more. `paused` notices follow a site's mute; `layers`
//   notices go the other way, saying which simulcast layers of a piped camera the asker's sites receive.

export const ClusterChannel = {
  roomNotices: 'hoinghi:media-rooms',
  inbox: (gatewayId: string) => `hoinghi:media-gateway:${gatewayId}`,
} as const;

export const roomStatesKey = (conferenceId: string) => `hoinghi:media:rooms:${conferenceId}`;

export interface RoomStateSite {
  siteId: string;
  main: boolean;
  /** Its camera and microphone; and its shared screen (`source: 'screen'`, video) while it shares one. */
  producers: Array<{ id: string; kind: MediaKind; source?: 'screen' }>;
  /** Who shares the screen and since when, while the site shares one (the other gateways' Programme names them). */
  share?: { userName: string; since: string };
}

/** One gateway's part of a conference. */
export interface RoomState {
  v: 1;
  gatewayId: string;
  instance: string;
  sites: RoomStateSite[];
}

export interface RoomNotice {
  v: 1;
  conferenceId: string;
  gatewayId: string;
}

export interface SrtpKey {
  cryptoSuite: 'AEAD_AES_256_GCM' | 'AEAD_AES_128_GCM' | 'AES_CM_128_HMAC_SHA1_80' | 'AES_CM_128_HMAC_SHA1_32';
  keyBase64: string;
}

/** Where a pipe transport listens, and the key it encrypts with. */
export interface PipeEnd {
  ip: string;
  port: number;
  srtp: SrtpKey;
}

interface Envelope {
  v: 1;
  /** Request id: the reply carries it. */
  id: string;
  from: string;
  fromInstance: string;
  conferenceId: string;
}

export type ClusterRequest =
  | (Envelope & { op: 'link' } & PipeEnd)
  | (Envelope & { op: 'pipe'; producerId: string })
  | (Envelope & { op: 'unpipe'; producerId: string });

/** One-way: the origin's producer was paused or resumed (a site's mute). */
export interface PausedNotice extends Envelope {
  op: 'paused';
  producerId: string;
  paused: boolean;
}

/** One-way, to the origin: the highest spatial layer the sender's sites receive of a camera piped to it (its send layer). */
export interface LayersNotice extends Envelope {
  op: 'layers';
  producerId: string;
  spatialLayer: number;
}

export type ClusterNotice = PausedNotice | LayersNotice;

export interface PipedProducer {
  kind: MediaKind;
  rtpParameters: Record<string, unknown>;
  paused: boolean;
}

export type ClusterReply =
  | { v: 1; reply: string; ok: true; link?: PipeEnd; producer?: PipedProducer }
  | { v: 1; reply: string; ok: false; error: string; message: string };

export type InboxMessage = { kind: 'request'; request: ClusterRequest } | { kind: 'notice'; notice: ClusterNotice } | { kind: 'reply'; reply: ClusterReply };

const ID = /^[A-Za-z0-9-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SUITES: ReadonlyArray<SrtpKey['cryptoSuite']> = ['AEAD_AES_256_GCM', 'AEAD_AES_128_GCM', 'AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32'];
/** A request or reply is small; a room state lists at most every site of a conference (5,000, two producers each). */
const MAX_MESSAGE = 16_384;
const MAX_ROOM_STATE = 2_000_000;
const MAX_SITES = 5_000;
/** A sharer's name as the join token carries it (media-token.service.ts). */
const MAX_NAME = 100;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

const isId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
const isGateway = (v: unknown): v is string => typeof v === 'string' && GATEWAY_ID.test(v);
const isKind = (v: unknown): v is MediaKind => v === 'audio' || v === 'video';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function json(message: unknown, max: number): Record<string, unknown> | null {
  if (typeof message !== 'string' || message.length > max) return null;
  try {
    const value: unknown = JSON.parse(message);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function pipeEnd(e: Record<string, unknown>): PipeEnd | null {
  const srtp = e.srtp;
  if (typeof e.ip !== 'string' || !/^[0-9a-fA-F.:]{2,45}$/.test(e.ip)) return null;
  if (typeof e.port !== 'number' || !Number.isInteger(e.port) || e.port < 1 || e.port > 65535) return null;
  if (!isObject(srtp) || !SUITES.includes(srtp.cryptoSuite as SrtpKey['cryptoSuite'])) return null;
  if (typeof srtp.keyBase64 !== 'string' || !/^[A-Za-z0-9+/]{20,120}={0,2}$/.test(srtp.keyBase64)) return null;
  return { ip: e.ip, port: e.port, srtp: { cryptoSuite: srtp.cryptoSuite as SrtpKey['cryptoSuite'], keyBase64: srtp.keyBase64 } };
}

function envelope(e: Record<string, unknown>): Envelope | null {
  if (e.v !== 1 || !isId(e.id) || !isGateway(e.from) || typeof e.fromInstance !== 'string' || !UUID.test(e.fromInstance) || !isId(e.conferenceId)) return null;
  return { v: 1, id: e.id, from: e.from, fromInstance: e.fromInstance, conferenceId: e.conferenceId };
}

/** A message on a gateway's inbox, or null. RTP parameters are only shaped here; the receiver checks them against its router. */
export function parseInboxMessage(message: unknown): InboxMessage | null {
  const e = json(message, MAX_MESSAGE);
  if (!e) return null;
  if (typeof e.reply === 'string') {
    if (e.v !== 1 || !isId(e.reply)) return null;
    if (e.ok === false) {
      if (typeof e.error !== 'string' || !/^[A-Z_]{1,40}$/.test(e.error) || typeof e.message !== 'string' || e.message.length > 500) return null;
      return { kind: 'reply', reply: { v: 1, reply: e.reply, ok: false, error: e.error, message: e.message } };
    }
    if (e.ok !== true) return null;
    const reply: ClusterReply = { v: 1, reply: e.reply, ok: true };
    if (e.link !== undefined) {
      const link = isObject(e.link) ? pipeEnd(e.link) : null;
      if (!link) return null;
      reply.link = link;
    }
    if (e.producer !== undefined) {
      const p = e.producer;
      if (!isObject(p) || !isKind(p.kind) || !isObject(p.rtpParameters) || typeof p.paused !== 'boolean') return null;
      reply.producer = { kind: p.kind, rtpParameters: p.rtpParameters, paused: p.paused };
    }
    return { kind: 'reply', reply };
  }
  const base = envelope(e);
  if (!base) return null;
  if (e.op === 'link') {
    const end = pipeEnd(e);
    return end ? { kind: 'request', request: { ...base, op: 'link', ...end } } : null;
  }
  if (e.op === 'pipe' && isId(e.producerId)) return { kind: 'request', request: { ...base, op: 'pipe', producerId: e.producerId } };
  if (e.op === 'unpipe' && isId(e.producerId)) return { kind: 'request', request: { ...base, op: 'unpipe', producerId: e.producerId } };
  if (e.op === 'paused' && isId(e.producerId) && typeof e.paused === 'boolean') {
    return { kind: 'notice', notice: { ...base, op: 'paused', producerId: e.producerId, paused: e.paused } };
  }
  if (e.op === 'layers' && isId(e.producerId) && Number.isInteger(e.spatialLayer) && (e.spatialLayer as number) >= 0 && (e.spatialLayer as number) <= MAX_SPATIAL_LAYER) {
    return { kind: 'notice', notice: { ...base, op: 'layers', producerId: e.producerId, spatialLayer: e.spatialLayer as number } };
  }
  return null;
}

export function parseRoomNotice(message: unknown): RoomNotice | null {
  const e = json(message, 1024);
  if (!e || e.v !== 1 || !isId(e.conferenceId) || !isGateway(e.gatewayId)) return null;
  return { v: 1, conferenceId: e.conferenceId, gatewayId: e.gatewayId };
}

/** A gateway's field of a conference's room states, or null (also when it names another gateway than its field). */
export function parseRoomState(message: unknown, gatewayId: string): RoomState | null {
  const e = json(message, MAX_ROOM_STATE);
  if (!e || e.v !== 1 || e.gatewayId !== gatewayId || !isGateway(e.gatewayId) || typeof e.instance !== 'string' || !UUID.test(e.instance)) return null;
  if (!Array.isArray(e.sites) || e.sites.length > MAX_SITES) return null;
  const sites: RoomStateSite[] = [];
  for (const s of e.sites) {
    if (!isObject(s) || !isId(s.siteId) || typeof s.main !== 'boolean' || !Array.isArray(s.producers) || s.producers.length > 4) return null;
    const producers: RoomStateSite['producers'] = [];
    for (const p of s.producers) {
      if (!isObject(p) || !isId(p.id) || !isKind(p.kind)) return null;
      if (p.source === undefined) producers.push({ id: p.id, kind: p.kind });
      else if (p.source === 'screen' && p.kind === 'video') producers.push({ id: p.id, kind: p.kind, source: 'screen' });
      else return null;
    }
    const site: RoomStateSite = { siteId: s.siteId, main: s.main, producers };
    if (s.share !== undefined) {
      const share = s.share;
      if (!isObject(share) || typeof share.userName !== 'string' || share.userName.length > MAX_NAME) return null;
      if (typeof share.since !== 'string' || !ISO_TIME.test(share.since)) return null;
      site.share = { userName: share.userName, since: share.since };
    }
    sites.push(site);
  }
  return { v: 1, gatewayId: e.gatewayId, instance: e.instance, sites };
}
