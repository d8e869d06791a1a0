import { Logger } from '@nestjs/common';
import type { MediaErrorBody } from '@hoinghi/contracts';
import { DomainError } from '@hoinghi/domain';
import { toErrorResponse } from '@hoinghi/server-kit';
import * as mediasoup from 'mediasoup';

/**
 * mediasoup's own errors mean the client sent parameters mediasoup rejects (400) or raced a close (409);
 * anything else it throws is ours (a 500, logged by the shared mapping).
 */
export function fromMediasoup(exception: unknown): DomainError | undefined {
  if (exception instanceof mediasoup.errors.UnsupportedError) {
    return new DomainError('UNSUPPORTED_MEDIA', `mediasoup cannot handle this: ${exception.message}`);
  }
  if (exception instanceof mediasoup.errors.NotFoundError) {
    return new DomainError('MEDIA_NOT_FOUND', `mediasoup does not know it: ${exception.message}`);
  }
  if (exception instanceof mediasoup.errors.WorkerClosedError) {
    return new DomainError('WORKER_CLOSED', 'The media worker of this conference has stopped; re-join when told to.');
  }
  if (exception instanceof TypeError) {
    return new DomainError('INVALID_MEDIA_PARAMETERS', `mediasoup rejected the parameters: ${exception.message}`);
  }
  if (exception instanceof Error && exception.message.includes('[method:')) {
    // The worker refused a request (e.g. connect() called twice): the client's step, not our bug.
    return new DomainError('MEDIA_REJECTED', `The media worker refused: ${exception.message}`);
  }
  return undefined;
}

/** Signalling acks and connect_error data: the shared mapping, knowing mediasoup's errors. */
export const toMediaError = (exception: unknown, logger: Logger): MediaErrorBody => toErrorResponse(exception, logger, fromMediasoup);
