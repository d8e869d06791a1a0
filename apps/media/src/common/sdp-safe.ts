import type * as mediasoup from 'mediasoup';

/** What may appear in an SDP token we write: no spaces, no CR/LF, no separators of SDP or fmtp. */
const SAFE_TOKEN = /^[A-Za-z0-9._+-]{1,64}$/;

/**
 * The second wall after the Produce check (rooms/rtp-parameters-check.ts): a value that a site chose and
 * that would end in an SDP line is written only if it is a plain token or a whole number in range.
 */
export class UnsafeSdpValueError extends Error {
  constructor(what: string, value: unknown) {
    super(`refusing to write ${what} ${JSON.stringify(String(value)).slice(0, 80)} into an SDP`);
    this.name = 'UnsafeSdpValueError';
  }
}

export function sdpToken(what: string, value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !SAFE_TOKEN.test(text)) throw new UnsafeSdpValueError(what, value);
  return text;
}

export function sdpNumber(what: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new UnsafeSdpValueError(what, value);
  return value;
}

/**
 * Everything of a consumer's rtpParameters that a receiving browser writes into its SDP (codec names and
 * parameters, header extension URIs, mid, cname, msid), checked before it leaves the gateway.
 */
export function assertSdpSafe(rtpParameters: mediasoup.types.RtpParameters): void {
  for (const codec of rtpParameters.codecs) {
    sdpToken('mimeType', String(codec.mimeType).replace('/', '.'));
    sdpNumber('payloadType', codec.payloadType, 0, 127);
    for (const [k, v] of Object.entries(codec.parameters ?? {})) {
      sdpToken('codec parameter name', k);
      sdpToken(`codec parameter ${k}`, v);
    }
    for (const fb of codec.rtcpFeedback ?? []) {
      sdpToken('rtcp-fb type', fb.type);
      if (fb.parameter) sdpToken('rtcp-fb parameter', fb.parameter);
    }
  }
  for (const ext of rtpParameters.headerExtensions ?? []) {
    if (!/^[A-Za-z0-9:/._#-]{1,128}$/.test(ext.uri)) throw new UnsafeSdpValueError('header extension', ext.uri);
  }
  if (rtpParameters.mid !== undefined) sdpToken('mid', rtpParameters.mid);
  if (rtpParameters.rtcp?.cname !== undefined && !/^[A-Za-z0-9+/=_.@{}-]{0,64}$/.test(rtpParameters.rtcp.cname)) {
    throw new UnsafeSdpValueError('cname', rtpParameters.rtcp.cname);
  }
  if (rtpParameters.msid !== undefined && !/^[A-Za-z0-9+/=_.{}-]{1,64}( [A-Za-z0-9+/=_.{}-]{1,64})?$/.test(rtpParameters.msid)) {
    throw new UnsafeSdpValueError('msid', rtpParameters.msid);
  }
}
