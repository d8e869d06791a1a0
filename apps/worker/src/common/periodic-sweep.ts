import type { Logger } from '@nestjs/common';

/**
 * Runs `work` every `intervalMs`, one run at a time, logging a failed run instead of stopping: the
 * last wall behind a queue (what its jobs missed is done from here). `stop` waits for a run in flight.
 */
export class PeriodicSweep {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<void>,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  run(): Promise<void> {
    this.running ??= this.work()
      .catch((error: unknown) => this.log.warn(`${this.name}: ${(error as Error).message}`))
      .finally(() => (this.running = null));
    return this.running;
  }
}
