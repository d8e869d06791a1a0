import { Controller, Get } from '@nestjs/common';
import { RoomsService } from '../rooms/rooms.service';
import { WorkerHealth, WorkerPool } from '../workers/worker-pool.service';

export interface MediaHealth {
  status: 'ok' | 'degraded';
  workers: WorkerHealth[];
  conferences: Array<{ conferenceId: string; sites: number; routers: number; workers: number[] }>;
}

/** For operators and the meeting service: which worker runs which conference (a new pid after a restart). */
@Controller('health')
export class HealthController {
  constructor(
    private readonly pool: WorkerPool,
    private readonly rooms: RoomsService,
  ) {}

  @Get()
  check(): MediaHealth {
    const workers = this.pool.health();
    return {
      status: workers.every((w) => !w.closed) ? 'ok' : 'degraded',
      workers,
      conferences: this.rooms.all().map((room) => ({
        conferenceId: room.conferenceId, sites: room.peers.size, routers: room.routerCount, workers: [...room.workerIndexes()],
      })),
    };
  }
}
