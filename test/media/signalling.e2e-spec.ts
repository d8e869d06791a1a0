// /media signalling: who may connect, and the order of steps (no real media here).
import { MediaClientEvent, MediaServerEvent } from '@hoinghi/contracts';
import { randomUUID } from 'node:crypto';
import { MediaHarness, nextEvent, ok, request } from '../support/media-harness';

describe('media signalling', () => {
  let media: MediaHarness;
  const conferenceA = randomUUID();
  const conferenceB = randomUUID();

  beforeAll(async () => {
    media = await MediaHarness.start({ MEDIA_WORKERS: '1', MEDIA_RTC_PORT: '41010' });
  });

  afterAll(async () => {
    await media?.stop();
  });

  describe('the handshake', () => {
    it('refuses a connection without a token', async () => {
      const error = await media.connectError(undefined);
      expect(error.message).toMatch(/token is required/);
      expect(error.data).toMatchObject({ statusCode: 401, error: 'TOKEN_MISSING' });
    });

    it('refuses an expired token', async () => {
      const error = await media.connectError(media.token({ cid: conferenceA, sid: 'site-1' }, { expiresIn: -5 }));
      expect(error.message).toMatch(/expired/);
      expect(error.data).toMatchObject({ statusCode: 401, error: 'TOKEN_EXPIRED' });
    });

    it('refuses a token signed with another secret', async () => {
      const error = await media.connectError(media.token({ cid: conferenceA, sid: 'site-1' }, { secret: 'not-the-secret' }));
      expect(error.data).toMatchObject({ statusCode: 401, error: 'TOKEN_INVALID' });
    });

    it('refuses a token that is not a media join token', async () => {
      const error = await media.connectError(media.token({ cid: conferenceA, sid: 'site-1' }, { extra: { typ: 'access' } }));
      expect(error.data).toMatchObject({ statusCode: 401, error: 'TOKEN_WRONG_TYPE' });
      expect((await media.connectError('garbage')).data).toMatchObject({ error: 'TOKEN_INVALID' });
    });
  });

  it('refuses joining a conference other than the token\'s (403)', async () => {
    const socket = await media.connect(media.token({ cid: conferenceA, sid: 'site-1' }));
    const answer = await request(socket, MediaClientEvent.Join, { conferenceId: conferenceB });
    expect(answer).toEqual({ ok: false, error: expect.objectContaining({ statusCode: 403, error: 'FOREIGN_CONFERENCE' }) });
    expect((await media.health()).conferences).toEqual([]);
    socket.disconnect();
  });

  it('guards each step: join → ready → transports → connect → produce / consume', async () => {
    const socket = await media.connect(media.token({ cid: conferenceA, sid: 'district-1' }));

    const early = await request(socket, MediaClientEvent.CreateTransport, { direction: 'send' });
    expect(early).toEqual({ ok: false, error: expect.objectContaining({ statusCode: 409, error: 'NOT_JOINED' }) });
    const earlyConsume = await request(socket, MediaClientEvent.Consume, { transportId: 'x', producerId: 'y' });
    expect(earlyConsume).toMatchObject({ ok: false, error: { statusCode: 409, error: 'NOT_JOINED' } });
    expect(await request(socket, MediaClientEvent.Join, {} as never)).toMatchObject({ ok: false, error: { statusCode: 400 } });

    const joined = await ok(socket, MediaClientEvent.Join, { conferenceId: conferenceA });
    expect(joined).toMatchObject({ conferenceId: conferenceA, siteId: 'district-1', isMain: false });
    const codecs = (joined.routerRtpCapabilities.codecs as Array<{ mimeType: string }>).map((c) => c.mimeType);
    expect(codecs).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']));

    const send = await ok(socket, MediaClientEvent.CreateTransport, { direction: 'send' });
    expect(send.type).toBe('webrtc');
    if (send.type !== 'webrtc') throw new Error('expected a WebRTC transport');
    // Every WebRtcTransport is on the worker's WebRtcServer: one UDP and one TCP candidate on its port.
    expect(send.iceCandidates).toEqual(expect.arrayContaining([
      expect.objectContaining({ protocol: 'udp', port: 41010 }), expect.objectContaining({ protocol: 'tcp', port: 41010 }),
    ]));

    const rtpParameters = {
      mid: '0',
      codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc: 1111 }],
    };
    const unconnected = await request(socket, MediaClientEvent.Produce, { transportId: send.id, kind: 'audio', rtpParameters });
    expect(unconnected).toMatchObject({ ok: false, error: { statusCode: 409, error: 'TRANSPORT_NOT_CONNECTED' } });

    const recv = await ok(socket, MediaClientEvent.CreateTransport, { direction: 'recv' });
    const notReady = await request(socket, MediaClientEvent.Consume, { transportId: recv.id, producerId: 'nope' });
    expect(notReady).toMatchObject({ ok: false, error: { statusCode: 409, error: 'NOT_READY' } });

    // A browser would send its DTLS fingerprint; mediasoup accepts it and waits for the handshake.
    await ok(socket, MediaClientEvent.ConnectTransport, {
      transportId: send.id, dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: FINGERPRINT }] },
    });
    const again = await request(socket, MediaClientEvent.ConnectTransport, { transportId: send.id, dtlsParameters: { fingerprints: [] } });
    expect(again).toMatchObject({ ok: false, error: { statusCode: 409, error: 'ALREADY_CONNECTED' } });

    const produced = await ok(socket, MediaClientEvent.Produce, { transportId: send.id, kind: 'audio', rtpParameters });
    expect(produced.producerId).toEqual(expect.any(String));
    const twice = await request(socket, MediaClientEvent.Produce, { transportId: send.id, kind: 'audio', rtpParameters: { ...rtpParameters, encodings: [{ ssrc: 2222 }] } });
    expect(twice).toMatchObject({ ok: false, error: { statusCode: 409, error: 'ALREADY_PRODUCING' } });
    const bogus = await request(socket, MediaClientEvent.Produce, { transportId: send.id, kind: 'video', rtpParameters: { codecs: [{ mimeType: 'video/AV1X' }] } });
    expect(bogus).toMatchObject({ ok: false, error: { statusCode: 400 } });
    const wrongWay = await request(socket, MediaClientEvent.Produce, { transportId: recv.id, kind: 'video', rtpParameters });
    expect(wrongWay).toMatchObject({ ok: false, error: { statusCode: 409, error: 'NOT_A_SEND_TRANSPORT' } });

    const ready = await ok(socket, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
    expect(ready.programme).toMatchObject({ conferenceId: conferenceA, mainSiteId: null, floorSiteId: null });
    const own = await request(socket, MediaClientEvent.Consume, { transportId: recv.id, producerId: produced.producerId });
    expect(own).toMatchObject({ ok: false, error: { statusCode: 400, error: 'OWN_PRODUCER' } });

    const restarted = await ok(socket, MediaClientEvent.RestartIce, { transportId: send.id });
    expect(restarted.iceParameters).toMatchObject({ usernameFragment: expect.any(String), password: expect.any(String) });
    expect(restarted.iceParameters.usernameFragment).not.toBe((send.iceParameters as { usernameFragment: string }).usernameFragment);

    const stats = await ok(socket, MediaClientEvent.GetStats, { id: produced.producerId });
    expect(Array.isArray(stats.stats)).toBe(true);
    const recording = await request(socket, MediaClientEvent.StartRecording, {});
    expect(recording).toMatchObject({ ok: false, error: { statusCode: 403, error: 'NOT_MAIN_SITE' } });
    socket.disconnect();
  });

  it('a new connection of the same site replaces the old one, and its producers', async () => {
    const conference = randomUUID();
    const watcher = await media.connect(media.token({ cid: conference, sid: 'hall', main: true }));
    const watcherJoin = await ok(watcher, MediaClientEvent.Join, { conferenceId: conference });
    await ok(watcher, MediaClientEvent.Ready, { rtpCapabilities: watcherJoin.routerRtpCapabilities });

    const first = await media.connect(media.token({ cid: conference, sid: 'district-2' }));
    await ok(first, MediaClientEvent.Join, { conferenceId: conference });
    const send = await ok(first, MediaClientEvent.CreateTransport, { direction: 'send' });
    await ok(first, MediaClientEvent.ConnectTransport, { transportId: send.id, dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: FINGERPRINT }] } });
    const announced = nextEvent(watcher, MediaServerEvent.NewProducer, (p) => p.siteId === 'district-2');
    const { producerId } = await ok(first, MediaClientEvent.Produce, {
      transportId: send.id, kind: 'audio', rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 3333 }] },
    });
    expect(await announced).toEqual({ producerId, siteId: 'district-2', kind: 'audio' });

    const replacedError = nextEvent(first, MediaServerEvent.Error);
    const disconnected = new Promise<void>((resolve) => first.once('disconnect', () => resolve()));
    const producerClosed = nextEvent(watcher, MediaServerEvent.ProducerClosed, (e) => e.producerId === producerId);
    // A fresh token, as a reconnecting browser gets from the meeting service.
    const second = await media.connect(media.token({ cid: conference, sid: 'district-2' }));
    await ok(second, MediaClientEvent.Join, { conferenceId: conference });
    expect(await replacedError).toMatchObject({ statusCode: 409, error: 'REPLACED' });
    await disconnected;
    await producerClosed;
    const health = await media.health();
    expect(health.conferences.find((c) => c.conferenceId === conference)).toMatchObject({ sites: 2 });

    watcher.disconnect();
    second.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await media.health()).conferences.find((c) => c.conferenceId === conference)).toBeUndefined();
  });

  it('lists recordings for a bearer of that conference\'s media token only', async () => {
    const list = (token?: string, conference = conferenceA) =>
      fetch(`${media.url}/api/conferences/${conference}/recordings`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await list()).status).toBe(401);
    expect((await list(media.token({ cid: conferenceB, sid: 's' }))).status).toBe(403);
    expect((await list(media.token({ cid: conferenceA, sid: 's' }, { expiresIn: -1 }))).status).toBe(401);
    const answer = await list(media.token({ cid: conferenceA, sid: 's' }));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ recording: { conferenceId: conferenceA, active: false, file: null, startedAt: null }, files: [] });
  });
});

const FINGERPRINT = 'AF:1E:2B:3C:4D:5E:6F:70:81:92:A3:B4:C5:D6:E7:F8:09:1A:2B:3C:4D:5E:6F:70:81:92:A3:B4:C5:D6:E7:F8';
