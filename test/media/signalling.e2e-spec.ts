// /media signalling: who may connect, and the order of steps (no real media here).
import {
  ConferenceClosedEvent, FloorEvent, FloorQueueEvent, MEDIA_HEARTBEAT, MediaClientEvent, MediaServerEvent, ProducerInfo, RedisChannel,
} from '@hoinghi/contracts';
import { randomUUID } from 'node:crypto';
import { MediaHarness, nextEvent, ok, request, sleep, waitFor } from '../support/media-harness';

const FINGERPRINT = 'AF:1E:2B:3C:4D:5E:6F:70:81:92:A3:B4:C5:D6:E7:F8:09:1A:2B:3C:4D:5E:6F:70:81:92:A3:B4:C5:D6:E7:F8';

describe('media signalling', () => {
  let media: MediaHarness;
  const conferenceA = randomUUID();
  const conferenceB = randomUUID();

  beforeAll(async () => {
    // Send layers go down at once here (the hold is the tracker's unit test's).
    media = await MediaHarness.start({ MEDIA_WORKERS: '1', MEDIA_RTC_PORT: '41010', MEDIA_SEND_LAYERS_HOLD_MS: '0' });
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

    const joined = await ok(socket, MediaClientEvent.Join, { conferenceId: conferenceA, role: 'publisher' });
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

  describe('one publisher per site, any number of viewers', () => {
    const audio = (ssrc: number) => ({ codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }], encodings: [{ ssrc }] });
    const dtls = { role: 'client' as const, fingerprints: [{ algorithm: 'sha-256', value: FINGERPRINT }] };

    /** Joins, becomes ready and, as a publisher, sends audio on a (DTLS-pending) WebRTC transport. */
    async function seat(conference: string, sid: string, options: { main?: boolean; uid?: string; name?: string; role?: 'publisher' | 'viewer'; takeOver?: boolean; ssrc?: number } = {}) {
      const socket = await media.connect(media.token({ cid: conference, sid, main: options.main ?? false, uid: options.uid ?? `user-${sid}`, ...(options.name ? { name: options.name } : {}) }));
      const joined = await ok(socket, MediaClientEvent.Join, { conferenceId: conference, role: options.role, takeOver: options.takeOver });
      await ok(socket, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
      const recv = await ok(socket, MediaClientEvent.CreateTransport, { direction: 'recv' });
      let producerId: string | null = null;
      if (joined.role === 'publisher') {
        const send = await ok(socket, MediaClientEvent.CreateTransport, { direction: 'send' });
        await ok(socket, MediaClientEvent.ConnectTransport, { transportId: send.id, dtlsParameters: dtls });
        producerId = (await ok(socket, MediaClientEvent.Produce, { transportId: send.id, kind: 'audio', rtpParameters: audio(options.ssrc ?? 5000) })).producerId;
      }
      return { socket, joined, recv, producerId };
    }

    it('a viewer and the publisher of one site coexist; a viewer receives what its site receives and cannot send', async () => {
      const conference = randomUUID();
      const district = await seat(conference, 'lai-vung', { role: 'publisher', ssrc: 6001 });
      const operator = await seat(conference, 'hall', { main: true, uid: 'vanhanh', name: 'Nguyễn Văn Vận', role: 'publisher', ssrc: 6002 });
      const chair = await seat(conference, 'hall', { main: true, uid: 'chutri', name: 'Lê Quốc Phong' });
      expect(operator.joined).toMatchObject({ role: 'publisher', publisher: { userId: 'vanhanh', userName: 'Nguyễn Văn Vận' } });
      expect(chair.joined).toMatchObject({ role: 'viewer', isMain: true, publisher: { userId: 'vanhanh', userName: 'Nguyễn Văn Vận', since: expect.any(String) } });
      expect((await media.health()).conferences.find((c) => c.conferenceId === conference)).toMatchObject({ sites: 2, connections: 3 });

      // The chair's console sees the grid as the main site does: the district flows to it; the hall's own camera does not.
      const consumer = await ok(chair.socket, MediaClientEvent.Consume, { transportId: chair.recv.id, producerId: district.producerId! });
      expect(await ok(chair.socket, MediaClientEvent.ResumeConsumer, { consumerId: consumer.id })).toMatchObject({ flowing: true });
      expect(await request(chair.socket, MediaClientEvent.Consume, { transportId: chair.recv.id, producerId: operator.producerId! }))
        .toMatchObject({ ok: false, error: { statusCode: 400, error: 'OWN_PRODUCER' } });
      // The district receives the hall from its publisher.
      const hallAtDistrict = await ok(district.socket, MediaClientEvent.Consume, { transportId: district.recv.id, producerId: operator.producerId! });
      expect(await ok(district.socket, MediaClientEvent.ResumeConsumer, { consumerId: hallAtDistrict.id })).toMatchObject({ flowing: true });
      // A second Consume of the same producer on the same connection is a conflict, not a second consumer.
      expect(await request(district.socket, MediaClientEvent.Consume, { transportId: district.recv.id, producerId: operator.producerId! }))
        .toEqual({ ok: false, error: { statusCode: 409, error: 'ALREADY_CONSUMING', message: 'This connection already consumes that producer.' } });

      const send = await ok(chair.socket, MediaClientEvent.CreateTransport, { direction: 'send' });
      await ok(chair.socket, MediaClientEvent.ConnectTransport, { transportId: send.id, dtlsParameters: dtls });
      const refused = await request(chair.socket, MediaClientEvent.Produce, { transportId: send.id, kind: 'audio', rtpParameters: audio(6003) });
      expect(refused).toMatchObject({ ok: false, error: { statusCode: 403, error: 'NOT_PUBLISHER' } });

      // The viewer leaving keeps the publisher on air; the publisher leaving tells the viewer.
      const gone = nextEvent(chair.socket, MediaServerEvent.Publisher, (e) => e.publisher === null);
      const offAir = nextEvent(district.socket, MediaServerEvent.Programme, (p) => p.producers.every((x) => x.siteId !== 'hall'));
      operator.socket.disconnect();
      expect(await gone).toEqual({ conferenceId: conference, siteId: 'hall', publisher: null });
      expect((await offAir).mainSiteId).toBe('hall'); // the chair's console still holds the main site
      for (const s of [district.socket, chair.socket]) s.disconnect();
    });

    it('refuses a second publisher with 409 naming who holds the camera and since when', async () => {
      const conference = randomUUID();
      const operator = await seat(conference, 'hall', { main: true, uid: 'vanhanh', name: 'Nguyễn Văn Vận', role: 'publisher' });
      const socket = await media.connect(media.token({ cid: conference, sid: 'hall', main: true, uid: 'chutri', name: 'Lê Quốc Phong' }));
      const answer = await request(socket, MediaClientEvent.Join, { conferenceId: conference, role: 'publisher' });
      expect(answer).toEqual({
        ok: false,
        error: {
          statusCode: 409, error: 'CAMERA_HELD',
          message: `Nguyễn Văn Vận has sent this site's camera and microphone since ${operator.joined.publisher!.since}; join as a viewer, or take over.`,
          current: { userId: 'vanhanh', userName: 'Nguyễn Văn Vận', since: operator.joined.publisher!.since },
        },
      });
      // Refused, it holds no seat; it may still join as a viewer on the same socket.
      expect(await request(socket, MediaClientEvent.CreateTransport, { direction: 'recv' })).toMatchObject({ ok: false, error: { error: 'NOT_JOINED' } });
      expect(await ok(socket, MediaClientEvent.Join, { conferenceId: conference, role: 'viewer' })).toMatchObject({ role: 'viewer' });
      expect((await media.health()).conferences.find((c) => c.conferenceId === conference)).toMatchObject({ sites: 1, connections: 2 });
      for (const s of [operator.socket, socket]) s.disconnect();
    });

    it('a takeover closes the first publisher\'s producers and tells it; it stays as a viewer and still receives the programme', async () => {
      const conference = randomUUID();
      const district = await seat(conference, 'lai-vung', { role: 'publisher', ssrc: 7001 });
      const first = await seat(conference, 'hall', { main: true, uid: 'vanhanh', name: 'Nguyễn Văn Vận', role: 'publisher', ssrc: 7002 });
      const districtConsumer = await ok(first.socket, MediaClientEvent.Consume, { transportId: first.recv.id, producerId: district.producerId! });
      await ok(first.socket, MediaClientEvent.ResumeConsumer, { consumerId: districtConsumer.id });

      const taken = nextEvent(first.socket, MediaServerEvent.Error);
      const closed = nextEvent(district.socket, MediaServerEvent.ProducerClosed, (e) => e.producerId === first.producerId);
      const told = nextEvent(first.socket, MediaServerEvent.Publisher, (e) => e.publisher?.userId === 'chutri');
      const onAir = nextEvent(district.socket, MediaServerEvent.Programme, (p) => p.producers.some((x) => x.siteId === 'hall' && x.producerId !== first.producerId));
      const second = await seat(conference, 'hall', { main: true, uid: 'chutri', name: 'Lê Quốc Phong', role: 'publisher', takeOver: true, ssrc: 7003 });
      expect(second.joined).toMatchObject({ role: 'publisher', publisher: { userId: 'chutri', userName: 'Lê Quốc Phong' } });
      expect(await taken).toMatchObject({
        statusCode: 409, error: 'CAMERA_TAKEN', message: 'Lê Quốc Phong took over this site\'s camera and microphone; this connection now only receives.',
        current: { userId: 'chutri', userName: 'Lê Quốc Phong' },
      });
      expect(await closed).toEqual({ producerId: first.producerId, siteId: 'hall' });
      await told;
      expect(first.socket.connected).toBe(true);
      // The district now sees the hall from the new publisher only.
      const programme = await onAir;
      expect(programme.producers.filter((p) => p.siteId === 'hall').map((p) => p.producerId)).toEqual([second.producerId]);

      // The first connection, now a viewer, keeps receiving: its consumer of the district still flows, new ones too.
      expect(await ok(first.socket, MediaClientEvent.ResumeConsumer, { consumerId: districtConsumer.id })).toEqual({ ok: true, flowing: true });
      const late = await seat(conference, 'thap-muoi', { role: 'publisher', ssrc: 7004 });
      const lateConsumer = await ok(first.socket, MediaClientEvent.Consume, { transportId: first.recv.id, producerId: late.producerId! });
      expect(await ok(first.socket, MediaClientEvent.ResumeConsumer, { consumerId: lateConsumer.id })).toMatchObject({ flowing: true });
      // It can send no more, unless it takes the camera back.
      const send = await ok(first.socket, MediaClientEvent.CreateTransport, { direction: 'send' });
      await ok(first.socket, MediaClientEvent.ConnectTransport, { transportId: send.id, dtlsParameters: dtls });
      expect(await request(first.socket, MediaClientEvent.Produce, { transportId: send.id, kind: 'audio', rtpParameters: audio(7005) }))
        .toMatchObject({ ok: false, error: { statusCode: 403, error: 'NOT_PUBLISHER' } });
      for (const s of [district.socket, first.socket, second.socket, late.socket]) s.disconnect();
    });

    it('the same user joining again as publisher (a reload) takes the camera back without asking', async () => {
      const conference = randomUUID();
      const before = await seat(conference, 'sa-dec', { uid: 'vanhanh.sadec', role: 'publisher', ssrc: 8001 });
      const taken = nextEvent(before.socket, MediaServerEvent.Error);
      const after = await seat(conference, 'sa-dec', { uid: 'vanhanh.sadec', role: 'publisher', ssrc: 8002 });
      expect(after.joined.role).toBe('publisher');
      expect(await taken).toMatchObject({ error: 'CAMERA_TAKEN' });
      for (const s of [before.socket, after.socket]) s.disconnect();
    });
  });

  it('announces each producer once, also where only the programme (and the warm next speaker) is announced (a large conference): in Ready\'s list or by one NewProducer', async () => {
    // Every conference is "large" here (no warm standby): districts hear only of the programme's producers.
    const large = await MediaHarness.start({ MEDIA_WORKERS: '1', MEDIA_RTC_PORT: '41011', MEDIA_STANDBY_MAX_SITES: '0' });
    const conference = randomUUID();
    const floor = (kind: 'granted' | 'ended', siteId: string): FloorEvent => ({
      v: 1, kind, conferenceId: conference, requestId: randomUUID(), siteId, participantId: null, at: new Date().toISOString(),
    });
    const publish = async (sid: string, main: boolean, ssrc: number) => {
      const socket = await large.connect(large.token({ cid: conference, sid, main }));
      const joined = await ok(socket, MediaClientEvent.Join, { conferenceId: conference, role: 'publisher' });
      await ok(socket, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
      const send = await ok(socket, MediaClientEvent.CreateTransport, { direction: 'send' });
      await ok(socket, MediaClientEvent.ConnectTransport, {
        transportId: send.id, dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: FINGERPRINT }] },
      });
      const rtpParameters = { codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }], encodings: [{ ssrc }] };
      const { producerId } = await ok(socket, MediaClientEvent.Produce, { transportId: send.id, kind: 'audio', rtpParameters });
      return { socket, producerId };
    };
    try {
      const district = await publish('sa-dec', false, 9001); // off the programme: not announced to other districts
      const watcher = await large.connect(large.token({ cid: conference, sid: 'lai-vung' }));
      const heard: ProducerInfo[] = [];
      watcher.on(MediaServerEvent.NewProducer, (p) => heard.push(p));
      const joined = await ok(watcher, MediaClientEvent.Join, { conferenceId: conference });
      expect((await ok(watcher, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities })).producers).toEqual([]);

      // The main site publishes: on the programme, so announced.
      const hall = await publish('hall', true, 9002);
      await waitFor(() => heard.some((p) => p.producerId === hall.producerId), 5000, 'NewProducer of the hall');
      // The floor goes to Sa Đéc: its producer is announced (NewProducer) before the Programme that lists it.
      const granted = nextEvent(watcher, MediaServerEvent.Programme, (p) => p.floorSiteId === 'sa-dec');
      await large.redis().publish(RedisChannel.Floor, JSON.stringify(floor('granted', 'sa-dec')));
      expect((await granted).producers.map((p) => p.producerId)).toEqual(expect.arrayContaining([hall.producerId, district.producerId]));
      expect(heard.map((p) => p.producerId)).toEqual([hall.producerId, district.producerId]);
      // Off and on the programme again: nothing is announced a second time.
      const ended = nextEvent(watcher, MediaServerEvent.Programme, (p) => p.floorSiteId === null);
      await large.redis().publish(RedisChannel.Floor, JSON.stringify(floor('ended', 'sa-dec')));
      await ended;
      const again = nextEvent(watcher, MediaServerEvent.Programme, (p) => p.floorSiteId === 'sa-dec');
      await large.redis().publish(RedisChannel.Floor, JSON.stringify(floor('granted', 'sa-dec')));
      await again;
      expect(heard.map((p) => p.producerId)).toEqual([hall.producerId, district.producerId]);

      // The next speaker in the queue is kept warm: announced ahead of its grant, so the sites' consumers exist then.
      const next = await publish('thap-muoi', false, 9003);
      await sleep(200);
      expect(heard.map((p) => p.producerId)).not.toContain(next.producerId);
      const queue: FloorQueueEvent = { v: 1, kind: 'queue', conferenceId: conference, next: ['thap-muoi'], at: new Date().toISOString() };
      await large.redis().publish(RedisChannel.Floor, JSON.stringify(queue));
      await waitFor(() => heard.some((p) => p.producerId === next.producerId), 5000, 'NewProducer of the warm next speaker');
      const toNext = nextEvent(watcher, MediaServerEvent.Programme, (p) => p.floorSiteId === 'thap-muoi');
      await large.redis().publish(RedisChannel.Floor, JSON.stringify(floor('granted', 'thap-muoi')));
      await toNext;
      expect(heard.map((p) => p.producerId)).toEqual([hall.producerId, district.producerId, next.producerId]);
    } finally {
      await large.stop();
    }
  });

  it('tells each publisher which of its simulcast layers anybody receives (send layers), and nothing of other producers', async () => {
    const conference = randomUUID();
    const floor = (kind: 'granted' | 'ended', siteId: string): FloorEvent => ({
      v: 1, kind, conferenceId: conference, requestId: randomUUID(), siteId, participantId: null, at: new Date().toISOString(),
    });
    /** A publisher with a three-layer simulcast camera and a microphone (signalling only: no packets flow here). */
    const publish = async (sid: string, main: boolean, ssrc: number) => {
      const socket = await media.connect(media.token({ cid: conference, sid, main }));
      const told: Array<{ producerId: string; maxSpatialLayer: number }> = [];
      socket.on(MediaServerEvent.SendLayers, (event) => told.push(event));
      const joined = await ok(socket, MediaClientEvent.Join, { conferenceId: conference, role: 'publisher' });
      await ok(socket, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
      const send = await ok(socket, MediaClientEvent.CreateTransport, { direction: 'send' });
      await ok(socket, MediaClientEvent.ConnectTransport, {
        transportId: send.id, dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: FINGERPRINT }] },
      });
      const camera = await ok(socket, MediaClientEvent.Produce, {
        transportId: send.id, kind: 'video',
        rtpParameters: { mid: '0', codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }], encodings: [{ ssrc }, { ssrc: ssrc + 1 }, { ssrc: ssrc + 2 }] },
      });
      const mic = await ok(socket, MediaClientEvent.Produce, {
        transportId: send.id, kind: 'audio', rtpParameters: { mid: '1', codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: ssrc + 9 }] },
      });
      return { socket, joined, told, camera: camera.producerId, mic: mic.producerId, last: () => told.filter((t) => t.producerId === camera.producerId).at(-1)?.maxSpatialLayer };
    };
    const hall = await publish('hall', true, 7100);
    const saDec = await publish('sa-dec', false, 7200);
    // On the programme: the hall's camera sends every layer. Off it and watched by nobody: only the lowest.
    await waitFor(() => hall.last() === 2 && saDec.last() === 0, 5000, 'the first send layers');

    // The hall's wall receives Sa Đéc: in full (no wish yet) while it flows, then at a small tile's layer.
    const recv = await ok(hall.socket, MediaClientEvent.CreateTransport, { direction: 'recv' });
    const consumer = await ok(hall.socket, MediaClientEvent.Consume, { transportId: recv.id, producerId: saDec.camera });
    await ok(hall.socket, MediaClientEvent.ResumeConsumer, { consumerId: consumer.id });
    await waitFor(() => saDec.last() === 2, 5000, 'Sa Đéc at the top layer while the hall receives it in full');
    await ok(hall.socket, MediaClientEvent.SetPreferredLayers, { consumerId: consumer.id, spatialLayer: 0 });
    await waitFor(() => saDec.last() === 0, 5000, 'Sa Đéc back to the lowest for a tile of the wall');

    // Granted the floor: every site shows it in full, at once; the floor ended: the wall's layer again.
    await media.redis().publish(RedisChannel.Floor, JSON.stringify(floor('granted', 'sa-dec')));
    await waitFor(() => saDec.last() === 2, 5000, 'Sa Đéc at the top layer on the floor');
    await media.redis().publish(RedisChannel.Floor, JSON.stringify(floor('ended', 'sa-dec')));
    await waitFor(() => saDec.last() === 0, 5000, 'Sa Đéc at the lowest after the floor');
    // Next in the queue (warm): the top layer, ready for the grant, though the sites get only its lowest.
    const queue = (next: string[]): FloorQueueEvent => ({ v: 1, kind: 'queue', conferenceId: conference, next, at: new Date().toISOString() });
    await media.redis().publish(RedisChannel.Floor, JSON.stringify(queue(['sa-dec'])));
    await waitFor(() => saDec.last() === 2, 5000, 'Sa Đéc at the top layer while warm');
    await media.redis().publish(RedisChannel.Floor, JSON.stringify(queue([])));
    await waitFor(() => saDec.last() === 0, 5000, 'Sa Đéc at the lowest once out of the queue');
    // The hall stops receiving it: still the lowest (the hall's wall and the quality monitor need it).
    await ok(hall.socket, MediaClientEvent.PauseConsumer, { consumerId: consumer.id });
    await sleep(100);
    expect(saDec.last()).toBe(0);

    // Each change told once, and never of a microphone or to another site's publisher.
    expect(saDec.told.map((t) => t.maxSpatialLayer)).toEqual([0, 2, 0, 2, 0, 2, 0]);
    expect(saDec.told.every((t) => t.producerId === saDec.camera)).toBe(true);
    expect(hall.told).toEqual([{ producerId: hall.camera, maxSpatialLayer: 2 }]);
    hall.socket.disconnect();
    saDec.socket.disconnect();
  });

  it(`drops a frozen site within ${(MEDIA_HEARTBEAT.pingIntervalMs + MEDIA_HEARTBEAT.pingTimeoutMs) / 1000} s: its producers close, the others are told`, async () => {
    const conference = randomUUID();
    const hall = await media.connect(media.token({ cid: conference, sid: 'hall', main: true }));
    const hallJoined = await ok(hall, MediaClientEvent.Join, { conferenceId: conference, role: 'publisher' });
    await ok(hall, MediaClientEvent.Ready, { rtpCapabilities: hallJoined.routerRtpCapabilities });
    const frozen = await media.connect(media.token({ cid: conference, sid: 'hong-ngu' }));
    const joined = await ok(frozen, MediaClientEvent.Join, { conferenceId: conference, role: 'publisher' });
    await ok(frozen, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
    const send = await ok(frozen, MediaClientEvent.CreateTransport, { direction: 'send' });
    await ok(frozen, MediaClientEvent.ConnectTransport, {
      transportId: send.id, dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: FINGERPRINT }] },
    });
    const { producerId } = await ok(frozen, MediaClientEvent.Produce, {
      transportId: send.id, kind: 'audio', rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 9101 }] },
    });

    // The site's machine hangs: its TCP connection stays open but nothing is read or answered any more.
    const engine = frozen.io.engine as unknown as { transport: { ws: { _socket: { pause(): void } } } };
    const frozenAt = Date.now();
    const closed = nextEvent(hall, MediaServerEvent.ProducerClosed, (e) => e.producerId === producerId, 15_000);
    engine.transport.ws._socket.pause();
    expect(await closed).toEqual({ producerId, siteId: 'hong-ngu' });
    const seconds = (Date.now() - frozenAt) / 1000;
    expect(seconds).toBeLessThanOrEqual((MEDIA_HEARTBEAT.pingIntervalMs + MEDIA_HEARTBEAT.pingTimeoutMs) / 1000 + 1);
    expect((await media.health()).conferences.find((c) => c.conferenceId === conference)).toMatchObject({ sites: 1 });
    for (const s of [hall, frozen]) s.disconnect();
  }, 20_000);

  it('closes the room when the meeting service says the conference ended, and refuses joins after', async () => {
    const conference = randomUUID();
    const hall = await media.connect(media.token({ cid: conference, sid: 'hall', main: true }));
    await ok(hall, MediaClientEvent.Join, { conferenceId: conference, role: 'publisher' });
    const told = nextEvent(hall, MediaServerEvent.Error);
    const disconnected = new Promise<void>((resolve) => hall.once('disconnect', () => resolve()));
    const event: ConferenceClosedEvent = { v: 1, kind: 'closed', conferenceId: conference, status: 'ended', at: new Date().toISOString() };
    await media.redis().publish(RedisChannel.Conference, JSON.stringify(event));
    expect(await told).toMatchObject({ statusCode: 409, error: 'CONFERENCE_CLOSED' });
    await disconnected;
    expect((await media.health()).conferences.find((c) => c.conferenceId === conference)).toBeUndefined();
    const late = await media.connect(media.token({ cid: conference, sid: 'lai-vung' }));
    expect(await request(late, MediaClientEvent.Join, { conferenceId: conference })).toMatchObject({ ok: false, error: { statusCode: 409, error: 'CONFERENCE_CLOSED' } });
    late.disconnect();
  });

  it('lists recordings for a bearer of that conference\'s media token at its main site only', async () => {
    const list = (token?: string, conference = conferenceA) =>
      fetch(`${media.url}/api/conferences/${conference}/recordings`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await list()).status).toBe(401);
    expect((await list(media.token({ cid: conferenceB, sid: 's', main: true }))).status).toBe(403);
    expect((await list(media.token({ cid: conferenceA, sid: 's', main: true }, { expiresIn: -1 }))).status).toBe(401);
    const district = await list(media.token({ cid: conferenceA, sid: 's' }));
    expect(district.status).toBe(403);
    expect(await district.json()).toMatchObject({ error: 'NOT_MAIN_SITE' });
    const answer = await list(media.token({ cid: conferenceA, sid: 's', main: true }));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ recording: { conferenceId: conferenceA, active: false, file: null, startedAt: null }, files: [] });
  });
});

