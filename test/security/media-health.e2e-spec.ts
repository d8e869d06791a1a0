// Issue #8: "media gateway /api/health without authentication — shows worker pids, ports and conference
// ids". Without credentials it now says only whether it is ok; the details need a service token.
import { MediaClientEvent } from '@hoinghi/contracts';
import { randomUUID } from 'node:crypto';
import { MediaHarness, ok, serviceToken } from '../support/media-harness';

describe('the media gateway health endpoint', () => {
  let media: MediaHarness;
  const conferenceId = randomUUID();

  beforeAll(async () => {
    media = await MediaHarness.start({ MEDIA_WORKERS: '1', MEDIA_RTC_PORT: '41130' });
    const site = await media.connect(media.token({ cid: conferenceId, sid: 'district-1' }));
    await ok(site, MediaClientEvent.Join, { conferenceId });
  });

  afterAll(async () => {
    await media?.stop();
  });

  const health = (authorization?: string) =>
    fetch(`${media.url}/api/health`, { headers: authorization === undefined ? {} : { authorization } });

  it('tells anyone only that it is ok', async () => {
    const answer = await health();
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(JSON.parse(text)).toEqual({ status: 'ok' });
    expect(text).not.toContain(conferenceId);
  });

  it('refuses details to a site\'s join token, a forged or a long-lived service token (401)', async () => {
    const refused = [
      `Bearer ${media.token({ cid: conferenceId, sid: 'district-1' })}`,
      `Bearer ${serviceToken({ secret: 'not-the-secret' })}`,
      `Bearer ${serviceToken({ expiresIn: 3600 })}`,
      `Bearer ${serviceToken({ expiresIn: null })}`,
      'Basic YWRtaW46YWRtaW4=',
    ];
    for (const authorization of refused) {
      const answer = await health(authorization);
      expect(answer.status).toBe(401);
      expect(await answer.text()).not.toContain(conferenceId);
    }
  });

  it('shows workers and conferences to a service token', async () => {
    const answer = await health(`Bearer ${serviceToken()}`);
    expect(answer.status).toBe(200);
    const body = await answer.json();
    expect(body.workers).toEqual([expect.objectContaining({ pid: expect.any(Number), port: 41130 })]);
    expect(body.conferences).toEqual([expect.objectContaining({ conferenceId, sites: 1 })]);
  });
});
