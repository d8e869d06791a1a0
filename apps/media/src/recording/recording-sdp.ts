import * as mediasoup from 'mediasoup';

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
    const [, name] = codec.mimeType.split('/');
    const channels = codec.channels && codec.channels > 1 ? `/${codec.channels}` : '';
    lines.push(`m=${kind} ${port} RTP/AVP ${codec.payloadType}`, `a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${channels}`);
    const fmtp = Object.entries(codec.parameters ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(';');
    if (fmtp) lines.push(`a=fmtp:${codec.payloadType} ${fmtp}`);
    lines.push('a=recvonly');
  }
  return `${lines.join('\r\n')}\r\n`;
}
