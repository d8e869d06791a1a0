import { HttpException, Logger } from '@nestjs/common';
import { ERROR_STATUS, type ErrorCode, type ErrorResponse } from '@hoinghi/contracts';
import { DomainError } from '@hoinghi/domain';
import { randomUUID } from 'node:crypto';

/** An app's own exception types (e.g. mediasoup's) as domain errors; undefined for those it does not know. */
export type ErrorTranslator = (exception: unknown) => DomainError | undefined;

/**
 * The one mapping from anything thrown to the ErrorResponse every client reads, for REST and socket.io
 * answers of every service. Anything not known as a domain error, an app's translated error or an
 * HTTP-level refusal is a 500, logged with an error id that the client also receives.
 */
export function toErrorResponse(exception: unknown, logger: Logger, translate?: ErrorTranslator): ErrorResponse {
  const error = exception instanceof DomainError ? exception : (translate?.(exception) ?? fromHttpLayer(exception) ?? fromOutage(exception));
  if (!error) return internalError(logger, exception);
  const body: ErrorResponse = { statusCode: ERROR_STATUS[error.category], error: error.code, message: error.message };
  switch (error.category) {
    case 'validation':
      if (!error.fields) return body;
      return error.fieldRules ? { ...body, fields: { ...error.fields }, fieldRules: { ...error.fieldRules } } : { ...body, fields: { ...error.fields } };
    case 'unauthenticated':
    case 'forbidden':
    case 'not_found':
    case 'too_large':
      return body;
    case 'conflict':
      return error.current === undefined ? body : { ...body, current: error.current };
    case 'too_many':
      return { ...body, retryAfter: error.retryAfterSeconds ?? 1 };
    case 'unavailable':
      return { ...body, retryAfter: RETRY_AFTER_SECONDS };
    case 'internal':
      return internalError(logger, exception);
    default:
      return unreachable(error.category);
  }
}

function internalError(logger: Logger, exception: unknown): ErrorResponse {
  const errorId = randomUUID();
  logger.error(`Unexpected error ${errorId}`, exception instanceof Error ? exception.stack : String(exception));
  return {
    statusCode: ERROR_STATUS.internal,
    error: 'INTERNAL',
    message: 'Something went wrong on the server. If it happens again, give the administrators this error id.',
    errorId,
  };
}

/** Refusals made before our code runs: Nest's router and guards, Express's body parser. */
const HTTP_LAYER_CODES: Readonly<Record<number, ErrorCode>> = {
  400: 'MALFORMED_REQUEST', // body that is not JSON, path that cannot be decoded
  401: 'UNAUTHENTICATED',
  403: 'ROLE_FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
};

function fromHttpLayer(exception: unknown): DomainError | undefined {
  if (exception instanceof HttpException) return httpLayerError(exception.getStatus(), exception.message);
  // body-parser's errors (http-errors) are not HttpExceptions: `expose` marks those meant for the client.
  const parserError = exception as { expose?: unknown; status?: unknown; message?: unknown } | null;
  if (parserError?.expose === true && typeof parserError.status === 'number') {
    return httpLayerError(parserError.status, String(parserError.message));
  }
  return undefined;
}

function httpLayerError(status: number, message: string): DomainError | undefined {
  const code = HTTP_LAYER_CODES[status];
  return code ? new DomainError(code, message) : undefined;
}

/** How long a client should wait before trying again after a 503 (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5;

// Connection-level failures of PostgreSQL (SQLSTATE class 08, shutdown 57P0x) and of sockets in general.
const OUTAGE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const OUTAGE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed/i;

/** A dependency that is down is not a bug: 503 with Retry-After, so clients wait and try again. */
function fromOutage(exception: unknown): DomainError | undefined {
  const error = exception as { code?: unknown; message?: unknown; driverError?: { code?: unknown } } | null;
  const code = error?.driverError?.code ?? error?.code;
  const down = (typeof code === 'string' && OUTAGE_CODES.has(code)) || (typeof error?.message === 'string' && OUTAGE_MESSAGES.test(error.message));
  return down
    ? new DomainError('SERVICE_UNAVAILABLE', `A service the platform needs is unreachable right now (${String(code ?? error?.message)}); nothing was changed. Try again in ${RETRY_AFTER_SECONDS} seconds.`)
    : undefined;
}

/** Ends an exhaustive switch: adding a category without a case does not compile. */
export function unreachable(value: never): never {
  throw new Error(`Unreachable: ${String(value)}`);
}
