import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldErrors, FieldRule, FieldRules } from '@hoinghi/contracts';
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

/**
 * class-validator's errors as one 400 whose `fields` names every invalid field by path, e.g. `sites.0.orgUnitId`,
 * and `fieldRules` says each problem as a rule (the context the dto-fields decorators attach; `other` without).
 */
export function validationFailed(errors: ValidationError[]): DomainError {
  const fields: FieldErrors = {};
  const rules: FieldRules = {};
  const walk = (list: ValidationError[], prefix: string) => {
    for (const e of list) {
      const path = prefix ? `${prefix}.${e.property}` : e.property;
      if (e.constraints) {
        fields[path] = Object.values(e.constraints).map((m) => m.replace(`${e.property} `, '').trim());
        rules[path] = Object.keys(e.constraints).map((name) => ruleOf(name, e.contexts?.[name]));
      }
      if (e.children?.length) walk(e.children, path);
    }
  };
  walk(errors, '');
  return invalidFields('VALIDATION_FAILED', fields, rules);
}

function ruleOf(constraint: string, context: unknown): FieldRule {
  if (constraint === 'whitelistValidation') return { rule: 'unknownField' };
  const declared = context as FieldRule | undefined;
  return declared?.rule ? declared : { rule: 'other' };
}
