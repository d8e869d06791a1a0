import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldErrors } from '@hoinghi/contracts';
import { DomainError, invalidFields } from '@hoinghi/domain';

/** Unknown fields are refused rather than silently dropped, so a typo never loses data unnoticed. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true, // one clear message per field
    exceptionFactory: validationFailed,
  });

/** class-validator's errors as one 400 whose `fields` names every invalid field by path, e.g. `sites.0.orgUnitId`. */
export function validationFailed(errors: ValidationError[]): DomainError {
  const fields: FieldErrors = {};
  const walk = (list: ValidationError[], prefix: string) => {
    for (const e of list) {
      const path = prefix ? `${prefix}.${e.property}` : e.property;
      if (e.constraints) fields[path] = Object.values(e.constraints).map((m) => m.replace(`${e.property} `, '').trim());
      if (e.children?.length) walk(e.children, path);
    }
  };
  walk(errors, '');
  return invalidFields('VALIDATION_FAILED', fields);
}
