import type * as mediasoup from 'mediasoup';
import { assertSdpSafe } from '../common/sdp-safe';
import { recordingSdp } from './recording-sdp';

const vp8 = (parameters: Record<string, unknown>) => ({
  codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters }],
  encodings: [{ ssrc: 1 }],
}) as unknown as mediasoup.types.RtpParameters;
const opus = { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } }] } as unknown as mediasoup.types.RtpParameters;

describe('recordingSdp', () => {
  it('writes one m= section per track', () => {
    const sdp = recordingSdp([{ kind: 'video', port: 5004, rtpParameters: vp8({ 'x-google-start-bitrate': 800 }) }, { kind: 'audio', port: 5006, rtpParameters: opus }]);
    expect(sdp).toContain('m=video 5004 RTP/AVP 101\r\na=rtpmap:101 VP8/90000\r\na=fmtp:101 x-google-start-bitrate=800\r\n');
    expect(sdp).toContain('m=audio 5006 RTP/AVP 100\r\na=rtpmap:100 opus/48000/2\r\na=fmtp:100 useinbandfec=1\r\n');
  });

  it.each([
    ['a CR/LF in a parameter value', { 'x-google-start-bitrate': '800\r\nm=application 9 RTP/AVP 0' }],
    ['a CR/LF in a parameter name', { 'a\r\nb': 1 }],
    ['a space in a value', { apt: '1 2' }],
    ['a semicolon in a value', { apt: '1;evil=1' }],
    ['an object as a value', { apt: { toString: (): string => 'x' } }],
  ])('refuses %s', (_what, parameters) => {
    expect(() => recordingSdp([{ kind: 'video', port: 5004, rtpParameters: vp8(parameters) }])).toThrow(/refusing to write/);
  });

  it('refuses a payload type or clock rate that is not a number in range', () => {
    const bad = vp8({});
    (bad.codecs[0] as { payloadType: unknown }).payloadType = '101\r\n';
    expect(() => recordingSdp([{ kind: 'video', port: 5004, rtpParameters: bad }])).toThrow(/payloadType/);
  });
});

describe('assertSdpSafe (what a consumer carries to a browser)', () => {
  it('passes ordinary parameters and refuses a CR/LF anywhere a browser writes into its SDP', () => {
    expect(() => assertSdpSafe({ ...vp8({ 'x-google-start-bitrate': 800 }), mid: '0', rtcp: { cname: 'abc+/=' } })).not.toThrow();
    expect(() => assertSdpSafe(vp8({ 'x-google-start-bitrate': '1\r\na=x' }))).toThrow(/refusing/);
    expect(() => assertSdpSafe({ ...vp8({}), rtcp: { cname: 'a\nb' } })).toThrow(/cname/);
    expect(() => assertSdpSafe({ ...vp8({}), headerExtensions: [{ uri: 'urn:x\r\n' as never, id: 1 }] })).toThrow(/header extension/);
  });
});
