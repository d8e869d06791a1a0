// Issue #8: "MEDIA_ALLOW_PLAIN_RTP=1 in production — accepted; a plain transport then sends to any
// address the client names". Production refuses to start with it; a plain recv transport sends only to
// MEDIA_PLAIN_RTP_ALLOWED_HOSTS (loopback by default).
import { MediaClientEvent } from '@hoinghi/contracts';
import { randomUUID } from 'node:crypto';
import { loadMediaConfig } from '../../apps/media/src/config/media-config';
import { MediaClient, MediaHarness, ok, request, RtpSink } from '../support/media-harness';

describe('plain RTP', () => {
  it('refuses to start in production with MEDIA_ALLOW_PLAIN_RTP', () => {
    const production = { NODE_ENV: 'production', MEDIA_TOKEN_SECRET: 'a-production-secret-of-enough-length-0123456789' };
    expect(() => loadMediaConfig({ ...production, MEDIA_ALLOW_PLAIN_RTP: '1' }))
      .toThrow('MEDIA_ALLOW_PLAIN_RTP must not be set in production');
    expect(loadMediaConfig(production).allowPlainRtp).toBe(false);
    expect(() => loadMediaConfig({ NODE_ENV: 'test', MEDIA_PLAIN_RTP_ALLOWED_HOSTS: 'ffmpeg.local' })).toThrow(/MEDIA_PLAIN_RTP_ALLOWED_HOSTS must be IP addresses/);
  });

  describe('where a plain transport sends', () => {
    let media: MediaHarness;
    const conferenceId = randomUUID();
    let site: MediaClient;

    beforeAll(async () => {
      media = await MediaHarness.start({ MEDIA_WORKERS: '1', MEDIA_RTC_PORT: '41120', MEDIA_ALLOW_PLAIN_RTP: '1' });
      site = await media.connect(media.token({ cid: conferenceId, sid: 'district-1' }));
      await ok(site, MediaClientEvent.Join, { conferenceId });
    });

    afterAll(async () => {
      await media?.stop();
    });

    it('refuses an address outside the allowed hosts (403), and sends to loopback', async () => {
      for (const ip of ['10.20.30.40', '8.8.8.8', '0.0.0.0', '127.0.0.1\r\n']) {
        const recv = await ok(site, MediaClientEvent.CreateTransport, { direction: 'recv', type: 'plain' });
        const answer = await request(site, MediaClientEvent.ConnectTransport, { transportId: recv.id, ip, port: 40000, rtcpPort: 40001 });
        expect(answer).toMatchObject({ ok: false, error: { statusCode: 403, error: 'PLAIN_RTP_ADDRESS_REFUSED' } });
      }
      const sink = await RtpSink.open();
      try {
        const recv = await ok(site, MediaClientEvent.CreateTransport, { direction: 'recv', type: 'plain' });
        await ok(site, MediaClientEvent.ConnectTransport, { transportId: recv.id, ip: '127.0.0.1', port: sink.port, rtcpPort: sink.rtcpPort });
      } finally {
        sink.close();
      }
    });
  });
});
