import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, ERROR_STATUS } from '@hoinghi/domain';
import type { MediaErrorBody } from '@hoinghi/contracts';
import * as mediasoup from 'mediasoup';
import type { Response } from 'express';

/**
 * One mapping for signalling acks, connect_error and REST. mediasoup's own errors mean the client sent
 * parameters mediasoup rejects (400) or raced a close (409); anything else is ours (500, logged).
 */
export function toMediaError(exception: unknown, logger: Logger): MediaErrorBody {
  if (exception instanceof DomainError) {
    return { statusCode: ERROR_STATUS[exception.category], error: exception.code, message: exception.message };
  }
  if (exception instanceof mediasoup.errors.UnsupportedError) {
    return { statusCode: 400, error: 'UNSUPPORTED_MEDIA', message: `mediasoup cannot handle this: ${exception.message}` };
  }
  if (exception instanceof mediasoup.errors.NotFoundError) {
    return { statusCode: 404, error: 'MEDIA_NOT_FOUND', message: `mediasoup does not know it: ${exception.message}` };
  }
  if (exception instanceof mediasoup.errors.WorkerClosedError) {
    return { statusCode: 409, error: 'WORKER_CLOSED', message: 'The media worker of this conference has stopped; re-join when told to.' };
  }
  if (exception instanceof TypeError) {
    return { statusCode: 400, error: 'INVALID_MEDIA_PARAMETERS', message: `mediasoup rejected the parameters: ${exception.message}` };
  }
  if (exception instanceof Error && exception.message.includes('[method:')) {
    // The worker refused a request (e.g. connect() called twice): the client's step, not our bug.
    return { statusCode: 409, error: 'MEDIA_REJECTED', message: `The media worker refused: ${exception.message}` };
  }
  if (exception instanceof HttpException) {
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
    return { statusCode: exception.getStatus(), error: exception.name.replace(/Exception$/, '').toUpperCase(), message };
  }
  logger.error('Unexpected error', exception instanceof Error ? exception.stack : String(exception));
  return { statusCode: 500, error: 'INTERNAL', message: 'Something went wrong in the media gateway.' };
}

@Catch()
export class MediaHttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('MediaHttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toMediaError(exception, this.logger);
    host.switchToHttp().getResponse<Response>().status(body.statusCode).json(body);
  }
}
