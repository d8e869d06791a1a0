import { ValidationPipe } from '@nestjs/common';
import { validationFailed } from './http-errors';

/** Unknown fields are refused rather than silently dropped, so a typo never loses data unnoticed. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true, // one clear message per field
    exceptionFactory: validationFailed,
  });
