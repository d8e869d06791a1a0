import { Controller, Get, Headers } from '@nestjs/common';
import { MediaTokenService } from '../auth/media-token.service';
import { ClusterService } from '../cluster/cluster.service';
import { RoomsService } from '../rooms/rooms.service';
import { WorkerHealth, WorkerPool } from '../workers/worker-pool.service';

export interface MediaHealthStatus {
  status: 'ok' | 'degraded';
}

export interface MediaHealth extends MediaHealthStatus {
  workers: WorkerHealth[];
  conferences: Array<{
    conferenceId: string; sites: number; connections: number; routers: number; workers: number[];
    /** With several gateways: this one's id, the conference's sites on the others, and the producers piped in and out per other gateway. */
    cluster?: ReturnType<ClusterService['health']>;
  }>;
}

/**
 * Anyone (a load balancer, a probe) gets `{ status }`. The details — which worker (pid, port) runs which
 * conference — are for operators and the meeting service: send `Authorization: Bearer <service token>`
 * (HS256 with MEDIA_TOKEN_SECRET, `typ: 'media-service'`, expiring within 60 s); a bad one is a 401.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly pool: WorkerPool,
    private readonly rooms: RoomsService,
    private readonly tokens: MediaTokenService,
    private readonly cluster: ClusterService,
  ) {}

  @Get()
  async check(@Headers('authorization') authorization: string | undefined): Promise<MediaHealthStatus | MediaHealth> {
    const workers = this.pool.health();
    const status = workers.every((w) => !w.closed) ? 'ok' : 'degraded';
    if (authorization === undefined) return { status };
    await this.tokens.verifyService(authorization);
    return {
      status,
      workers,
      conferences: this.rooms.all().map((room) => ({
        conferenceId: room.conferenceId, sites: room.siteCount, connections: room.peers.size, routers: room.routerCount, workers: [...room.workerIndexes()],
        cluster: this.cluster.health(room.conferenceId),
      })),
    };
  }
}
