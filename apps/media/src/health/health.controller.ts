import { Controller, Get } from '@nestjs/common';
import { WorkerPool } from '../workers/worker-pool.service';

@Controller('health')
export class HealthController {
  constructor(private readonly pool: WorkerPool) {}

  @Get()
  check(): { status: 'ok'; workers: Array<{ index: number; pid: number; closed: boolean }> } {
    return { status: 'ok', workers: this.pool.workers().map(({ index, worker }) => ({ index, pid: worker.pid, closed: worker.closed })) };
  }
}
