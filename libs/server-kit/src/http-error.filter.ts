import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { type ErrorTranslator, toErrorResponse } from './error-response';

/** Global filter: every REST failure answers an ErrorResponse with its category's status. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger: Logger;

  constructor(loggerContext = 'HttpError', private readonly translate?: ErrorTranslator) {
    this.logger = new Logger(loggerContext);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toErrorResponse(exception, this.logger, this.translate);
    const response = host.switchToHttp().getResponse<Response>();
    if (body.retryAfter !== undefined) response.setHeader('Retry-After', String(body.retryAfter));
    response.status(body.statusCode).json(body);
  }
}
