import type { Logger } from '@nestjs/common';

/**
 * A conference must not end because a dependency hiccuped: a promise rejected without a handler
 * (a library's fire-and-forget call while Redis is away) is logged, and the process keeps serving.
 * Every client also handles its own 'error' events; this is the last wall.
 */
export function keepServingOnStrayRejections(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error(`Unhandled rejection, kept running: ${reason instanceof Error ? reason.message : String(reason)}`, reason instanceof Error ? reason.stack : undefined);
  });
}
