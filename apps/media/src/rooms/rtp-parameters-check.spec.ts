import type * as mediasoup from 'mediasoup';
import { checkProducerRtpParameters } from './rtp-parameters-check';

// The router's capabilities as mediasoup derives them from MEDIA_CODECS (abridged to what the check reads).
const router = {
  codecs: [
    { kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: 100, clockRate: 48000, channels: 2 },
    { kind: 'video', mimeType: 'video/VP8', preferredPayloadType: 101, clockRate: 90000 },
    { kind: 'video', mimeType: 'video/rtx', preferredPayloadType: 102, clockRate: 90000, parameters: { apt: 101 } },
    { kind: 'video', mimeType: 'video/H264', preferredPayloadType: 103, clockRate: 90000 },
  ],
  headerExtensions: [
    { kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1 },
    { kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1 },
    { kind: 'video', uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', preferredId: 4 },
  ],
} as unknown as mediasoup.types.RtpCapabilities;

/** What mediasoup-client in Chromium sends for a VP8 simulcast camera. */
const camera = () => ({
  mid: '0',
  codecs: [
    {
      mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 },
      rtcpFeedback: [{ type: 'goog-remb', parameter: '' }, { type: 'transport-cc', parameter: '' }, { type: 'ccm', parameter: 'fir' }, { type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' }],
    },
    { mimeType: 'video/rtx', payloadType: 102, clockRate: 90000, parameters: { apt: 101 }, rtcpFeedback: [] },
  ],
  headerExtensions: [
    { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1, encrypt: false, parameters: {} },
    { uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', id: 4, encrypt: false, parameters: {} },
  ],
  encodings: [
    { active: true, scalabilityMode: 'L1T3', rid: 'r0', maxBitrate: 150000, scaleResolutionDownBy: 4 },
    { active: true, scalabilityMode: 'L1T3', rid: 'r1', maxBitrate: 500000, scaleResolutionDownBy: 2 },
    { active: true, scalabilityMode: 'L1T3', rid: 'r2', maxBitrate: 1500000, scaleResolutionDownBy: 1, dtx: false },
  ],
  rtcp: { cname: 'b3JZ2x5Qm9hZ1Bw', reducedSize: true },
});
const microphone = () => ({
  mid: '1',
  codecs: [{
    mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2,
    parameters: { minptime: 10, useinbandfec: 1, usedtx: 1, 'sprop-stereo': 0 }, rtcpFeedback: [{ type: 'transport-cc', parameter: '' }],
  }],
  encodings: [{ ssrc: 1234, dtx: true }],
  rtcp: { cname: '{4a0d-77}', reducedSize: true },
});
const h264 = () => ({
  codecs: [{ mimeType: 'video/H264', payloadType: 103, clockRate: 90000, parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 } }],
  encodings: [{ ssrc: 5678 }],
});

function rejection(kind: 'audio' | 'video', value: unknown): { code: string; fields: Record<string, string[]> } {
  try {
    checkProducerRtpParameters(kind, value, router);
  } catch (error) {
    const e = error as { code: string; fields: Record<string, string[]> };
    return { code: e.code, fields: e.fields };
  }
  throw new Error('accepted');
}

const field = (kind: 'audio' | 'video', value: unknown) => {
  const { code, fields } = rejection(kind, value);
  expect(code).toBe('RTP_PARAMETERS_REJECTED');
  return Object.keys(fields)[0];
};

describe('checkProducerRtpParameters', () => {
  it('accepts what browsers and the plain RTP tools send', () => {
    expect(() => checkProducerRtpParameters('video', camera(), router)).not.toThrow();
    // Chromium 1xx through mediasoup-client 3.x: no cname (mediasoup picks one), an msid of two UUIDs.
    const chromium = { ...camera(), rtcp: { cname: '', reducedSize: true }, msid: 'ad7bc160-6e86-4574-8d4d-049c11ed78f6 256cae4f-9a30-4c5f-8a71-a570102f6e6c' };
    expect(() => checkProducerRtpParameters('video', chromium, router)).not.toThrow();
    expect(() => checkProducerRtpParameters('audio', microphone(), router)).not.toThrow();
    expect(() => checkProducerRtpParameters('video', h264(), router)).not.toThrow();
    expect(() => checkProducerRtpParameters('video', { ...h264(), codecs: [{ ...h264().codecs[0], parameters: { 'profile-level-id': 640032 } }] }, router)).not.toThrow();
    expect(() => checkProducerRtpParameters('audio', { codecs: [{ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 100 }], encodings: [{ ssrc: 1 }] }, router)).not.toThrow();
  });

  it('refuses CR/LF smuggled in a codec parameter, naming the field', () => {
    const evil = camera();
    (evil.codecs[0].parameters as Record<string, unknown>)['x-google-start-bitrate'] = '1000\r\na=fingerprint:sha-256 00';
    expect(field('video', evil)).toBe('rtpParameters.codecs.0.parameters.x-google-start-bitrate');
    const named = camera();
    (named.codecs[0].parameters as Record<string, unknown>)['x\r\na=evil'] = 1;
    expect(field('video', named)).toBe('rtpParameters.codecs.0.parameters.x\r\na=evil');
  });

  it.each([
    ['an unknown codec', (p: any) => (p.codecs[0].mimeType = 'video/VP9'), 'rtpParameters.codecs.0.mimeType'],
    ['a codec of the other kind', (p: any) => (p.codecs[0].mimeType = 'audio/opus'), 'rtpParameters.codecs.0.mimeType'],
    ['a payload type out of range', (p: any) => (p.codecs[0].payloadType = 300), 'rtpParameters.codecs.0.payloadType'],
    ['a payload type as text', (p: any) => (p.codecs[0].payloadType = '101'), 'rtpParameters.codecs.0.payloadType'],
    ['a duplicate payload type', (p: any) => (p.codecs[1].payloadType = 101), 'rtpParameters.codecs.1.payloadType'],
    ['another clock rate', (p: any) => (p.codecs[0].clockRate = 48000), 'rtpParameters.codecs.0.clockRate'],
    ['a VP8 parameter VP8 does not have', (p: any) => (p.codecs[0].parameters = { 'profile-level-id': '42e01f' }), 'rtpParameters.codecs.0.parameters.profile-level-id'],
    ['RTX pointing nowhere', (p: any) => (p.codecs[1].parameters = { apt: 99 }), 'rtpParameters.codecs.1.parameters.apt'],
    ['RTX first', (p: any) => p.codecs.reverse(), 'rtpParameters.codecs.0.mimeType'],
    ['an unknown feedback', (p: any) => (p.codecs[0].rtcpFeedback = [{ type: 'nack', parameter: 'sli\r\n' }]), 'rtpParameters.codecs.0.rtcpFeedback.0.parameter'],
    ['an unknown codec field', (p: any) => (p.codecs[0].sdpFmtpLine = 'x'), 'rtpParameters.codecs.0.sdpFmtpLine'],
    ['a header extension the router does not have', (p: any) => (p.headerExtensions[0].uri = 'urn:evil\r\na=x'), 'rtpParameters.headerExtensions.0.uri'],
    ['an audio-only header extension on video', (p: any) => (p.headerExtensions[0].uri = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level'), 'rtpParameters.headerExtensions.0.uri'],
    ['header extension parameters', (p: any) => (p.headerExtensions[0].parameters = { a: 'b' }), 'rtpParameters.headerExtensions.0.parameters'],
    ['a rid with a space', (p: any) => (p.encodings[0].rid = 'r 0'), 'rtpParameters.encodings.0.rid'],
    ['an odd scalability mode', (p: any) => (p.encodings[0].scalabilityMode = 'L1T3\na=x'), 'rtpParameters.encodings.0.scalabilityMode'],
    ['a cname with a newline', (p: any) => (p.rtcp.cname = 'abc\r\nm=video'), 'rtpParameters.rtcp.cname'],
    ['a mid with a newline', (p: any) => (p.mid = '0\r\na=x'), 'rtpParameters.mid'],
    ['no codecs', (p: any) => (p.codecs = []), 'rtpParameters.codecs'],
    ['an unknown top-level field', (p: any) => (p.sdp = 'v=0'), 'rtpParameters.sdp'],
  ])('refuses %s', (_what, spoil, path) => {
    const p = camera();
    spoil(p);
    expect(field('video', p)).toBe(path);
  });

  it.each([
    ['Opus with a stereo flag of 2', { stereo: 2 }, 'rtpParameters.codecs.0.parameters.stereo'],
    ['Opus with minptime as text', { minptime: '10' }, 'rtpParameters.codecs.0.parameters.minptime'],
    ['Opus with a playback rate above 48 kHz', { maxplaybackrate: 96000 }, 'rtpParameters.codecs.0.parameters.maxplaybackrate'],
  ])('refuses %s', (_what, parameters, path) => {
    const p = microphone();
    p.codecs[0].parameters = parameters as never;
    expect(field('audio', p)).toBe(path);
  });

  it('refuses an H264 profile that is not six hex digits', () => {
    const p = h264();
    p.codecs[0].parameters['profile-level-id'] = '42e01f;x=1';
    expect(field('video', p)).toBe('rtpParameters.codecs.0.parameters.profile-level-id');
  });

  it('refuses Opus with other channels', () => {
    const p = microphone();
    p.codecs[0].channels = 6;
    expect(field('audio', p)).toBe('rtpParameters.codecs.0.channels');
  });
});
