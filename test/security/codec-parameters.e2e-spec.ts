// Issue #8: "a district publishing video with codec parameters containing CR/LF — the lines were copied
// into other sites' SDP and into ffmpeg's input SDP". A producer's rtpParameters are now checked against
// the router's codecs before mediasoup sees them; what is refused never reaches a consumer or ffmpeg.
import { MediaClientEvent } from '@hoinghi/contracts';
import { randomUUID } from 'node:crypto';
import { MediaClient, MediaHarness, ok, request } from '../support/media-harness';

describe('codec parameters from a site', () => {
  let media: MediaHarness;
  const conferenceId = randomUUID();
  let district: MediaClient;
  let sendId: string;

  beforeAll(async () => {
    media = await MediaHarness.start({ MEDIA_WORKERS: '1', MEDIA_RTC_PORT: '41110', MEDIA_ALLOW_PLAIN_RTP: '1' });
    district = await media.connect(media.token({ cid: conferenceId, sid: 'district-evil' }));
    await ok(district, MediaClientEvent.Join, { conferenceId, role: 'publisher' });
    // A plain send transport is connected at once (comedia): produce is the only step left.
    sendId = (await ok(district, MediaClientEvent.CreateTransport, { direction: 'send', type: 'plain' })).id;
  });

  afterAll(async () => {
    await media?.stop();
  });

  const video = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters }], encodings: [{ ssrc: 4242 }], ...extra,
  });

  it('refuses a VP8 parameter carrying CR/LF with 400 naming the field, so no consumer and no recording can carry it', async () => {
    const answer = await request(district, MediaClientEvent.Produce, {
      transportId: sendId, kind: 'video', rtpParameters: video({ 'x-google-start-bitrate': '800\r\na=fingerprint:sha-256 AA:BB' }),
    });
    expect(answer).toEqual({
      ok: false,
      error: expect.objectContaining({
        statusCode: 400, error: 'RTP_PARAMETERS_REJECTED',
        fields: { 'rtpParameters.codecs.0.parameters.x-google-start-bitrate': ['has a value this gateway does not accept'] },
      }),
    });
  });

  it('refuses a parameter name, a header extension or a cname the router does not know', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [video({ 'evil\r\na=x': 1 }), 'rtpParameters.codecs.0.parameters.evil\r\na=x'],
      [video({}, { headerExtensions: [{ uri: 'urn:evil\r\na=extmap:9 x', id: 9 }] }), 'rtpParameters.headerExtensions.0.uri'],
      [video({}, { rtcp: { cname: 'x\r\nm=application 9 UDP/DTLS/SCTP' } }), 'rtpParameters.rtcp.cname'],
      [{ codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: { stereo: '1;x=y' } }], encodings: [{ ssrc: 1 }] }, 'rtpParameters.codecs.0.parameters.stereo'],
    ];
    for (const [rtpParameters, field] of cases) {
      const kind = (rtpParameters.codecs as Array<{ mimeType: string }>)[0].mimeType.startsWith('audio') ? 'audio' : 'video';
      const answer = await request(district, MediaClientEvent.Produce, { transportId: sendId, kind, rtpParameters });
      expect(answer).toMatchObject({ ok: false, error: { statusCode: 400, error: 'RTP_PARAMETERS_REJECTED' } });
      expect(Object.keys((answer as { error: { fields: object } }).error.fields)).toEqual([field]);
    }
  });

  it('still accepts ordinary parameters', async () => {
    await ok(district, MediaClientEvent.Produce, { transportId: sendId, kind: 'video', rtpParameters: video({ 'x-google-start-bitrate': 800 }) });
  });
});
