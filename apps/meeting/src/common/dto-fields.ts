import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { FieldRule, FieldRuleName } from '@hoinghi/contracts';
import { COMMENT_LIMITS, IDEMPOTENCY_KEY_PATTERN } from '@hoinghi/contracts';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDateString, IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Length,
  Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';

// Request fields declared once for both class-validator and OpenAPI, so the published limits are the
// enforced ones. Messages read after the field's path (`title is required`), one per field
// (stopAtFirstError): a missing field says so before any other check (IsDefined always runs first),
// then the checks run in the order listed here, type first, so "5" is "must be text", not "too long".
// Each check also reports its rule (`context`), so clients can word the problem in their own language.

/** The machine-readable rule a check reports beside its phrase (ErrorResponse.fieldRules). */
export const fieldRule = (name: FieldRuleName, limit?: number): FieldRule => (limit === undefined ? { rule: name } : { rule: name, limit });

export interface FieldOptions {
  optional?: boolean;
  description?: string;
  example?: unknown;
}

function declared(options: FieldOptions, schema: ApiPropertyOptions): PropertyDecorator[] {
  const openApi = { ...schema, description: options.description, example: options.example } as ApiPropertyOptions;
  return options.optional
    ? [IsOptional(), ApiProperty({ ...openApi, required: false } as ApiPropertyOptions)]
    : [IsDefined({ message: 'is required', context: fieldRule('required') }), ApiProperty({ ...openApi, required: true } as ApiPropertyOptions)];
}

/** Text of 1 to `maxLength` characters; an optional one may also be empty (meaning none). */
export const TextField = (maxLength: number, options: FieldOptions = {}) =>
  applyDecorators(
    ...declared(options, { type: String, minLength: options.optional ? 0 : 1, maxLength }),
    IsString({ message: 'must be text', context: fieldRule('text') }),
    ...(options.optional ? [] : [IsNotEmpty({ message: 'must not be empty', context: fieldRule('notEmpty') })]),
    MaxLength(maxLength, { message: `must be at most ${maxLength} characters`, context: fieldRule('maxLength', maxLength) }),
  );

export const IdField = (options: FieldOptions = {}) =>
  applyDecorators(...declared(options, { type: String, format: 'uuid' }), IsUUID('all', { message: 'must be a UUID', context: fieldRule('uuid') }));

/** One of a contract's `as const` lists, e.g. CONFERENCE_KINDS. */
export const EnumField = (values: readonly string[], options: FieldOptions = {}) =>
  applyDecorators(
    ...declared(options, { enum: [...values], type: String }),
    IsIn([...values], { message: `must be one of: ${values.join(', ')}`, context: { rule: 'oneOf', values: [...values] } }),
  );

/** A whole number in [min, max]; `fromQuery` converts the query string's text first. */
export const IntField = (min: number, max: number, options: FieldOptions & { fromQuery?: boolean } = {}) =>
  applyDecorators(
    ...(options.fromQuery ? [Type(() => Number)] : []),
    ...declared(options, { type: 'integer', minimum: min, maximum: max }),
    IsInt({ message: 'must be a whole number', context: fieldRule('integer') }),
    Min(min, { message: `must be at least ${min}`, context: fieldRule('min', min) }),
    Max(max, { message: `must be at most ${max}`, context: fieldRule('max', max) }),
  );

export const BooleanField = (options: FieldOptions = {}) =>
  applyDecorators(...declared(options, { type: Boolean }), IsBoolean({ message: 'must be true or false', context: fieldRule('boolean') }));

export const DateTimeField = (options: FieldOptions = {}) =>
  applyDecorators(
    ...declared(options, { type: String, format: 'date-time' }),
    IsDateString({}, { message: 'must be a date and time in ISO 8601, e.g. 2026-11-23T01:30:00Z', context: fieldRule('dateTime') }),
  );

/** A list of `item` objects, each validated; `noun` names them in messages ("must list at least 1 site"). */
export const NestedListField = (item: () => new () => object, noun: string, min: number, max: number, options: FieldOptions = {}) =>
  applyDecorators(
    ...declared(options, { type: () => [item()], minItems: min, maxItems: max } as ApiPropertyOptions),
    IsArray({ message: `must be a list of ${noun}s`, context: fieldRule('list') }),
    ArrayMinSize(min, { message: `must list at least ${min} ${noun}${min === 1 ? '' : 's'}`, context: fieldRule('minItems', min) }),
    ArrayMaxSize(max, { message: `must list at most ${max} ${noun}s`, context: fieldRule('maxItems', max) }),
    ValidateNested({ each: true }),
    Type(item),
  );

/** A list of up to `max` UUIDs. */
export const IdListField = (max: number, options: FieldOptions = {}) =>
  applyDecorators(
    ...declared(options, { type: [String], format: 'uuid', maxItems: max } as ApiPropertyOptions),
    IsArray({ message: 'must be a list of UUIDs', context: fieldRule('list') }),
    ArrayMaxSize(max, { message: `must list at most ${max} ids`, context: fieldRule('maxItems', max) }),
    IsUUID('all', { each: true, message: 'must contain only UUIDs', context: fieldRule('uuidList') }),
  );

/** A list of 1 to `max` texts of 1 to `maxLength` characters each. */
export const TextListField = (max: number, maxLength: number, options: FieldOptions = {}) =>
  applyDecorators(
    ...declared(options, { type: [String], maxItems: max, minItems: 1 } as ApiPropertyOptions),
    IsArray({ message: 'must be a list of texts' }),
    ArrayMaxSize(max, { message: `must list at most ${max} entries` }),
    IsString({ each: true, message: 'must contain only texts' }),
    MaxLength(maxLength, { each: true, message: `must contain texts of at most ${maxLength} characters` }),
  );

/**
 * The key a client makes once per submission (a comment, a ballot) and sends again on every retry of
 * it: the same caller and key answer the first receipt and store nothing new.
 */
export const IdempotencyKeyField = (description: string) =>
  applyDecorators(
    ApiProperty({
      type: String, minLength: COMMENT_LIMITS.keyMinChars, maxLength: COMMENT_LIMITS.keyMaxChars, pattern: IDEMPOTENCY_KEY_PATTERN.source,
      description, example: '5f0d2c1e-6c8a-4c0e-9d51-0b7c1f4a9e21',
    }),
    IsDefined({ message: 'is required' }),
    IsString({ message: 'must be text' }),
    Length(COMMENT_LIMITS.keyMinChars, COMMENT_LIMITS.keyMaxChars, { message: `must be ${COMMENT_LIMITS.keyMinChars} to ${COMMENT_LIMITS.keyMaxChars} characters` }),
    Matches(IDEMPOTENCY_KEY_PATTERN, { message: 'must be letters, digits, "_", ".", ":" or "-"' }),
  );
