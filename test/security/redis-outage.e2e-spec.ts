// A real Redis stopped in the middle of a live conference, then started again: the meeting service
// keeps serving, answers every committed change as done, and everything reaches everyone afterwards.
import type { FloorEvent, FloorRequestView, ParticipantView } from '@hoinghi/contracts';
import { RedisChannel } from '@hoinghi/contracts';
import Redis from 'ioredis';
import type { ChildProcess } from 'node:child_process';
import { LiveClient } from '../support/live-client';
import { MeetingHarness } from '../support/meeting-harness';
import { freePort, startRedis, stopRedis, waitFor } from '../support/redis-server';

describe('Redis stopped during a live conference', () => {
  let port: number;
  let redis: ChildProcess | null = null;
  let meeting: MeetingHarness;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    meeting = await MeetingHarness.start({ redisUrl: `redis://127.0.0.1:${port}`, relaySweepMs: 200 });
  });

  afterAll(async () => {
    await meeting?.stop();
    redis?.kill('SIGKILL');
  });

  it('answers check-ins and floor grants as done, stays up, and delivers them when Redis is back', async () => {
    const run = `ro${Date.now().toString(36)}`;
    const { chair, operators, snapshot } = await meeting.liveConference(run, ['Huyện Tháp Mười']);
    const conferenceId = snapshot.conference.id;
    const siteId = snapshot.sites[1].id;
    const user = await meeting.createUser(`${run}.db`, 'Đại biểu Tháp Mười');
    const delegate = (await chair.post<ParticipantView>(`/conferences/${conferenceId}/participants`, { userId: user.id, role: 'delegate', siteId })).body;
    const request = (await operators[1].post<FloorRequestView>(`/conferences/${conferenceId}/floor/requests`, { siteId })).body;

    const console = await LiveClient.join(await meeting.connect(chair.token!), conferenceId);
    const grantDeliveredAt = async (): Promise<Date | null> => {
      const rows = await meeting.dataSource.query<Array<{ delivered_at: Date | null }>>(
        `SELECT delivered_at FROM outbox_messages WHERE conference_id = $1 AND target = $2 AND payload->>'kind' = 'granted' AND payload->>'requestId' = $3`,
        [conferenceId, RedisChannel.Floor, request.id],
      );
      expect(rows).toHaveLength(1); // the grant's floor event, written with the grant
      return rows[0].delivered_at;
    };
    const gateway = new Redis({ port, retryStrategy: () => 200, maxRetriesPerRequest: null }); // stands for the media gateway
    gateway.on('error', () => undefined);
    const floorEvents: FloorEvent[] = [];
    gateway.on('message', (_c: string, m: string) => floorEvents.push(JSON.parse(m) as FloorEvent));
    await gateway.subscribe(RedisChannel.Floor);

    try {
      await stopRedis(port, redis!);
      redis = null;

      const checkIn = await operators[1].put(`/conferences/${conferenceId}/sites/${siteId}/attendance/${delegate.id}`, { status: 'present' });
      expect(checkIn.status).toBe(200);
      const grant = await chair.post(`/conferences/${conferenceId}/floor/requests/${request.id}/grant`);
      expect(grant.status).toBe(200); // committed, so never "500 nothing was changed"

      // The service used to exit 10–20 s into an outage: it must still answer after that.
      for (let second = 0; second < 15; second += 1) {
        await new Promise((r) => setTimeout(r, 1000));
        const health = await fetch(`${meeting.url}/api/health`);
        expect(health.status).toBe(200);
      }
      expect(floorEvents).toEqual([]);
      expect(await grantDeliveredAt()).toBeNull(); // kept in the outbox meanwhile

      let gatewayBackAt: number | null = null;
      gateway.once('ready', () => (gatewayBackAt = Date.now()));
      redis = await startRedis(port);
      // The relay delivers it once Redis takes it (marked in the outbox) …
      await waitFor(async () => (await grantDeliveredAt()) !== null, 15_000);
      const deliveredAt = (await grantDeliveredAt())!.getTime();
      // … and a subscriber back before that hears it. Pub/sub keeps nothing for one that was not yet back (the
      // relay and this client reconnect on their own timers): a real gateway reads the floor holder when Redis returns.
      if (gatewayBackAt !== null && gatewayBackAt + 100 < deliveredAt) {
        await waitFor(() => floorEvents.some((e) => e.kind === 'granted' && e.requestId === request.id), 5_000);
      }
      // The chair's console, on the instance whose Redis went away, converges.
      const seen = await console.until((s) => s.floor.holder?.id === request.id && s.attendance.totals.present === 1, 15_000);
      expect(seen.attendance.perSite.find((p) => p.siteId === siteId)?.present).toBe(1);
    } finally {
      gateway.disconnect();
    }
  });
});
