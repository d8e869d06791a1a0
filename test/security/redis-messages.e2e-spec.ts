// Issue #8: "messages read from Redis channels are validated before they act". Anyone who can publish on
// Redis reaches these subscribers; a message that is not exactly the declared shape is logged and dropped.
import {
  ClientEvent, FloorEvent, MediaClientEvent, MediaServerEvent, MediaStatusEvent, ProgrammeEvent, RedisChannel, ServerEvent,
} from '@hoinghi/contracts';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { MediaHarness, ok, waitFor } from '../support/media-harness';
import { MeetingHarness } from '../support/meeting-harness';

const at = () => new Date().toISOString();

describe('the media gateway\'s floor channel', () => {
  let media: MediaHarness;

  beforeAll(async () => {
    media = await MediaHarness.start({ MEDIA_WORKERS: '1', MEDIA_RTC_PORT: '41140' });
  });

  afterAll(async () => {
    await media?.stop();
  });

  it('drops malformed floor events and acts on the next well-formed one', async () => {
    const conferenceId = randomUUID();
    const hall = await media.connect(media.token({ cid: conferenceId, sid: 'hall', main: true }));
    const programmes: ProgrammeEvent[] = [];
    hall.on(MediaServerEvent.Programme, (p) => programmes.push(p));
    await ok(hall, MediaClientEvent.Join, { conferenceId });
    await waitFor(() => programmes.length > 0, 5000, 'the first programme');

    const redis = media.redis();
    const good: FloorEvent = { v: 1, kind: 'granted', conferenceId, requestId: randomUUID(), siteId: 'district-good', participantId: null, at: at() };
    const malformed: unknown[] = [
      { ...good, siteId: 'district-bad', requestId: 42, participantId: {}, at: 'yesterday' },
      { ...good, siteId: 'district-bad\r\nx' },
      { ...good, siteId: 'district-bad', at: undefined },
      { ...good, siteId: 'district-bad', padding: 'x'.repeat(20_000) },
    ];
    for (const message of malformed) await redis.publish(RedisChannel.Floor, JSON.stringify(message));
    await redis.publish(RedisChannel.Floor, JSON.stringify(good)); // same connection: delivered after the others
    await waitFor(() => programmes.some((p) => p.floorSiteId === 'district-good'), 5000, 'the good grant');
    expect(programmes.map((p) => p.floorSiteId)).not.toContain('district-bad');
    expect(programmes.map((p) => p.floorSiteId).filter((s) => s !== null)).toEqual(['district-good']);
  });
});

describe('the meeting service\'s media status channel', () => {
  let meeting: MeetingHarness;
  let redis: Redis;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  });

  afterAll(async () => {
    redis?.disconnect();
    await meeting?.stop();
  });

  it('drops malformed incidents: they reach no console and no audit line', async () => {
    const run = `sec${Date.now().toString(36)}`;
    const { chair, snapshot } = await meeting.liveConference(run, ['Sa Đéc']);
    const conferenceId = snapshot.conference.id;
    const socket = await meeting.connect(chair.token!);
    const seen: MediaStatusEvent[] = [];
    socket.on(ServerEvent.MediaStatus, (event) => seen.push(event));
    await new Promise((resolve) => socket.emit(ClientEvent.Join, { conferenceId }, resolve));

    const good: MediaStatusEvent = { v: 1, kind: 'worker-died', conferenceId, details: { workerIndex: 1, pid: 77 }, at: at() };
    const malformed: unknown[] = [
      { ...good, details: 'boom', at: at() },
      { ...good, details: { nested: { html: '<script>' } }, at: at() },
      { ...good, at: 5 },
      { ...good, conferenceId: 12, at: at() },
      'worker died',
    ];
    for (const message of malformed) await redis.publish(RedisChannel.MediaStatus, typeof message === 'string' ? message : JSON.stringify(message));
    await redis.publish(RedisChannel.MediaStatus, JSON.stringify(good));
    await waitFor(() => seen.length > 0, 5000, 'the good incident');
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([good]);
    const audit = (await chair.get<Array<{ action: string; details: Record<string, unknown> }>>(`/conferences/${conferenceId}/audit`)).body;
    expect(audit.filter((e) => e.action === 'media.worker-died')).toEqual([expect.objectContaining({ details: { workerIndex: 1, pid: 77, at: good.at } })]);
  });
});
