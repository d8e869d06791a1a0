import type { MediaKind } from '@hoinghi/contracts';
import { invalid } from '@hoinghi/domain';
import type * as mediasoup from 'mediasoup';

// The rtpParameters a site produces with travel on: mediasoup copies codec parameters, header extension
// URIs, cnames and mids into every consumer, whose receiving browser writes them into its SDP, and the
// recorder writes them into ffmpeg's input SDP. So they are checked here, before mediasoup sees them,
// against what this gateway's routers speak: every key known, every number a number in range, every
// string a tight pattern. Anything else is a 400 naming the field (RTP_PARAMETERS_REJECTED).

type RtpParameters = mediasoup.types.RtpParameters;
type RtpCapabilities = mediasoup.types.RtpCapabilities;
type Rule = (value: unknown) => boolean;

const int = (min: number, max: number): Rule => (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const num = (min: number, max: number): Rule => (v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const bool: Rule = (v) => typeof v === 'boolean';
const flag = int(0, 1);
const matches = (pattern: RegExp): Rule => (v) => typeof v === 'string' && pattern.test(v);
const oneOf = (...values: unknown[]): Rule => (v) => values.includes(v);

/** mid and rid: short tokens (Chromium sends "0", "r0"). */
const TOKEN = /^[A-Za-z0-9_-]{1,32}$/;
/** RTCP CNAME: Chromium sends 16 base64 characters or none (mediasoup then picks one), Firefox a {uuid}. */
const CNAME = /^[A-Za-z0-9+/=_.@{}-]{0,64}$/;
/** "stream-id track-id". */
const MSID = /^[A-Za-z0-9+/=_.{}-]{1,64}( [A-Za-z0-9+/=_.{}-]{1,64})?$/;
const SCALABILITY_MODE = /^[LS][1-4]T[1-3](_KEY)?h?$/;
const UINT32 = int(0, 0xffffffff);
const PAYLOAD_TYPE = int(0, 127);
/** x-google-*-bitrate, kbit/s. */
const KBPS = int(0, 100_000);

/** H264 profile-level-id: six hex digits; SDP parsers turn an all-digit one ("640032") into a number. */
const profileLevelId: Rule = (v) => matches(/^[0-9a-fA-F]{6}$/)(v) || (int(0, 999_999)(v) && /^\d{6}$/.test(String(v)));

const X_GOOGLE: Record<string, Rule> = {
  'x-google-start-bitrate': KBPS, 'x-google-min-bitrate': KBPS, 'x-google-max-bitrate': KBPS,
};

/** Codec parameter names and value shapes, by lower-case mimeType. A codec not listed has no parameters. */
export const CODEC_PARAMETERS: Readonly<Record<string, Readonly<Record<string, Rule>>>> = {
  'audio/opus': {
    minptime: int(3, 120), ptime: int(3, 120), maxptime: int(3, 120), useinbandfec: flag, usedtx: flag, stereo: flag, 'sprop-stereo': flag,
    maxplaybackrate: int(8000, 48000), 'sprop-maxcapturerate': int(8000, 48000), maxaveragebitrate: int(6000, 510_000), cbr: flag,
  },
  'video/vp8': { ...X_GOOGLE },
  'video/h264': {
    'packetization-mode': flag, 'profile-level-id': profileLevelId, 'level-asymmetry-allowed': flag, ...X_GOOGLE,
  },
  'video/rtx': { apt: PAYLOAD_TYPE },
};

const RTCP_FEEDBACK: Readonly<Record<string, readonly string[]>> = {
  nack: ['', 'pli'], ccm: ['fir'], 'goog-remb': [''], 'transport-cc': [''],
};

const ENCODING: Record<string, Rule> = {
  ssrc: UINT32, rid: matches(TOKEN), codecPayloadType: PAYLOAD_TYPE, dtx: bool, scalabilityMode: matches(SCALABILITY_MODE),
  scaleResolutionDownBy: num(1, 64), maxBitrate: int(0, 100_000_000), maxFramerate: num(0, 240), active: bool, adaptivePtime: bool,
  priority: oneOf('very-low', 'low', 'medium', 'high'), networkPriority: oneOf('very-low', 'low', 'medium', 'high'),
};
const RTCP: Record<string, Rule> = { cname: matches(CNAME), reducedSize: bool, mux: bool };

const reject = (field: string, problem: string) => invalid('RTP_PARAMETERS_REJECTED', problem, field);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown, field: string, min: number, max: number): unknown[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) throw reject(field, `must be a list of ${min} to ${max} entries`);
  return value;
}

/** Every key of `value` has a rule and passes it (keys in `nested` are checked by the caller). */
function checkFlat(value: unknown, field: string, rules: Record<string, Rule>, nested: string[] = []): Record<string, unknown> {
  if (!isObject(value)) throw reject(field, 'must be an object');
  for (const [key, v] of Object.entries(value)) {
    if (nested.includes(key) || v === undefined) continue;
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    if (!rule) throw reject(`${field}.${key}`, 'is not a known field');
    if (!rule(v)) throw reject(`${field}.${key}`, 'has a value this gateway does not accept');
  }
  return value;
}

/**
 * Checks what a site sends with Produce against the router's capabilities (codecs, clock rates, channels,
 * codec parameters, header extension URIs); returns it typed, or throws a 400 naming the first bad field.
 */
export function checkProducerRtpParameters(kind: MediaKind, value: unknown, router: RtpCapabilities): RtpParameters {
  const root = 'rtpParameters';
  const p = checkFlat(value, root, { mid: matches(TOKEN), msid: matches(MSID) }, ['codecs', 'headerExtensions', 'encodings', 'rtcp']);

  const supported = (router.codecs ?? []).filter((c) => c.kind === kind);
  const codecs = list(p.codecs, `${root}.codecs`, 1, 8);
  const payloadTypes = new Set<number>();
  codecs.forEach((codec, i) => {
    const field = `${root}.codecs.${i}`;
    const c = checkFlat(codec, field, {
      mimeType: matches(/^(audio|video)\/[A-Za-z0-9-]{1,32}$/), payloadType: PAYLOAD_TYPE, clockRate: int(1, 200_000), channels: int(1, 8),
    }, ['parameters', 'rtcpFeedback']);
    const mimeType = String(c.mimeType ?? '').toLowerCase();
    const known = supported.find((s) => s.mimeType.toLowerCase() === mimeType);
    if (!known) throw reject(`${field}.mimeType`, `must be one of ${supported.map((s) => s.mimeType).filter(unique).join(', ')}`);
    if (i === 0 && mimeType.endsWith('/rtx')) throw reject(`${field}.mimeType`, 'must be a media codec (RTX comes after it)');
    if (c.payloadType === undefined) throw reject(`${field}.payloadType`, 'is required');
    if (payloadTypes.has(c.payloadType as number)) throw reject(`${field}.payloadType`, 'is used by another codec');
    payloadTypes.add(c.payloadType as number);
    if (c.clockRate !== known.clockRate) throw reject(`${field}.clockRate`, `must be ${known.clockRate}`);
    if (c.channels !== undefined && c.channels !== (known.channels ?? 1)) throw reject(`${field}.channels`, `must be ${known.channels ?? 1}`);
    if (c.parameters !== undefined) checkFlat(c.parameters, `${field}.parameters`, { ...CODEC_PARAMETERS[mimeType] });
    if (c.rtcpFeedback !== undefined) {
      list(c.rtcpFeedback, `${field}.rtcpFeedback`, 0, 16).forEach((fb, j) => {
        const f = checkFlat(fb, `${field}.rtcpFeedback.${j}`, { type: matches(/^[a-z-]{1,16}$/), parameter: matches(/^[a-z]{0,8}$/) });
        const parameters = RTCP_FEEDBACK[String(f.type)];
        if (!parameters) throw reject(`${field}.rtcpFeedback.${j}.type`, `must be one of ${Object.keys(RTCP_FEEDBACK).join(', ')}`);
        if (!parameters.includes(String(f.parameter ?? ''))) throw reject(`${field}.rtcpFeedback.${j}.parameter`, `must be one of "${parameters.join('", "')}"`);
      });
    }
  });
  codecs.forEach((codec, i) => {
    const c = codec as { mimeType: string; parameters?: { apt?: number } };
    if (!c.mimeType.toLowerCase().endsWith('/rtx')) return;
    if (c.parameters?.apt === undefined || !payloadTypes.has(c.parameters.apt)) {
      throw reject(`${root}.codecs.${i}.parameters.apt`, 'must name the payload type of a codec in this list');
    }
  });

  if (p.headerExtensions !== undefined) {
    const uris = (router.headerExtensions ?? []).filter((h) => h.kind === kind).map((h) => h.uri as string);
    const ids = new Set<number>();
    list(p.headerExtensions, `${root}.headerExtensions`, 0, 16).forEach((ext, i) => {
      const field = `${root}.headerExtensions.${i}`;
      const h = checkFlat(ext, field, { uri: (v) => typeof v === 'string' && uris.includes(v), id: int(1, 255), encrypt: bool }, ['parameters']);
      if (typeof h.uri !== 'string') throw reject(`${field}.uri`, 'is required');
      if (typeof h.id !== 'number' || ids.has(h.id)) throw reject(`${field}.id`, 'must be a number not used by another extension');
      ids.add(h.id);
      if (h.parameters !== undefined && (!isObject(h.parameters) || Object.keys(h.parameters).length > 0)) {
        throw reject(`${field}.parameters`, 'must be empty');
      }
    });
  }

  if (p.encodings !== undefined) {
    list(p.encodings, `${root}.encodings`, 1, 4).forEach((encoding, i) => {
      const field = `${root}.encodings.${i}`;
      const e = checkFlat(encoding, field, ENCODING, ['rtx']);
      if (e.rtx !== undefined) checkFlat(e.rtx, `${field}.rtx`, { ssrc: UINT32 });
      if (e.codecPayloadType !== undefined && !payloadTypes.has(e.codecPayloadType as number)) {
        throw reject(`${field}.codecPayloadType`, 'must name the payload type of a codec in this list');
      }
    });
  }
  if (p.rtcp !== undefined) checkFlat(p.rtcp, `${root}.rtcp`, RTCP);
  return p as unknown as RtpParameters;
}

function unique<T>(value: T, index: number, all: T[]): boolean {
  return all.indexOf(value) === index;
}
