import * as mediasoup from 'mediasoup';
import { sdpNumber, sdpToken, UnsafeSdpValueError } from '../common/sdp-safe';

export interface SdpTrack {
  kind: 'audio' | 'video';
  /** Where ffmpeg listens for RTP; RTCP on port + 1 (ffmpeg's default for SDP input). */
  port: number;
  rtpParameters: mediasoup.types.RtpParameters;
}

/** The SDP ffmpeg reads to receive a consumer per track from mediasoup PlainTransports on 127.0.0.1. */
export function recordingSdp(tracks: SdpTrack[]): string {
  const lines = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=hoinghi programme', 'c=IN IP4 127.0.0.1', 't=0 0'];
  for (const { kind, port, rtpParameters } of tracks) {
    const codec = rtpParameters.codecs[0];
    const [type, name] = String(codec.mimeType).split('/');
    if (type !== kind) throw new UnsafeSdpValueError('mimeType', codec.mimeType);
    const pt = sdpNumber('payloadType', codec.payloadType, 0, 127);
    const clockRate = sdpNumber('clockRate', codec.clockRate, 1, 200_000);
    const channels = codec.channels && codec.channels > 1 ? `/${sdpNumber('channels', codec.channels, 1, 8)}` : '';
    lines.push(`m=${kind} ${sdpNumber('port', port, 1, 65535)} RTP/AVP ${pt}`, `a=rtpmap:${pt} ${sdpToken('codec name', name)}/${clockRate}${channels}`);
    const fmtp = Object.entries(codec.parameters ?? {})
      .map(([k, v]) => `${sdpToken('codec parameter name', k)}=${sdpToken(`codec parameter ${k}`, v)}`)
      .join(';');
    if (fmtp) lines.push(`a=fmtp:${pt} ${fmtp}`);
    lines.push('a=recvonly');
  }
  return `${lines.join('\r\n')}\r\n`;
}
