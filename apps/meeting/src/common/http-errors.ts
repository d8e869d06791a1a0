import {
  ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, Logger, ValidationError,
} from '@nestjs/common';
import { DomainError, ERROR_STATUS } from '@hoinghi/domain';
import type { ErrorResponse } from '@hoinghi/contracts';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

/** Turns any thrown error into an ErrorResponse; the same mapping serves REST and sockets. */
export function toErrorResponse(exception: unknown, logger: Logger): ErrorResponse {
  if (exception instanceof DomainError) {
    return { statusCode: ERROR_STATUS[exception.category], error: exception.code, message: exception.message };
  }
  if (exception instanceof ValidationFailed) {
    return { statusCode: 400, error: 'VALIDATION_FAILED', message: exception.message, fields: exception.fields };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
    return { statusCode: status, error: exception.name.replace(/Exception$/, '').toUpperCase() || 'ERROR', message };
  }
  const errorId = randomUUID();
  logger.error(`Unexpected error ${errorId}`, exception instanceof Error ? exception.stack : String(exception));
  return { statusCode: 500, error: 'INTERNAL', message: 'Something went wrong on the server; nothing was changed.', errorId };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toErrorResponse(exception, this.logger);
    host.switchToHttp().getResponse<Response>().status(body.statusCode).json(body);
  }
}

/** A 400 whose `fields` names every invalid field by path, e.g. `sites.0.orgUnitId`. */
export class ValidationFailed extends BadRequestException {
  constructor(readonly fields: Record<string, string[]>) {
    super(`Invalid request: ${Object.entries(fields).map(([f, m]) => `${f} ${m.join(', ')}`).join('; ')}.`);
  }
}

export function validationFailed(errors: ValidationError[]): ValidationFailed {
  const fields: Record<string, string[]> = {};
  const walk = (list: ValidationError[], prefix: string) => {
    for (const e of list) {
      const path = prefix ? `${prefix}.${e.property}` : e.property;
      if (e.constraints) fields[path] = Object.values(e.constraints).map((m) => m.replace(`${e.property} `, '').trim());
      if (e.children?.length) walk(e.children, path);
    }
  };
  walk(errors, '');
  return new ValidationFailed(fields);
}
