import { applyDecorators, type Type } from '@nestjs/common';
import { ApiDefaultResponse, ApiExtraModels, ApiOperation, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_CODE_LIST, FIELD_RULES, type ErrorCode, type ErrorResponse, type FieldErrors, type FieldRules } from '@hoinghi/contracts';

export class ErrorResponseDto implements ErrorResponse {
  @ApiProperty({ type: 'integer', example: 409 })
  statusCode!: number;

  @ApiProperty({ enum: ERROR_CODE_LIST, enumName: 'ErrorCode', description: 'Machine code; its category fixes statusCode (see docs/rules.md).' })
  error!: ErrorCode;

  @ApiProperty({ description: 'A sentence for people (English; the web app shows its own Vietnamese one per code).' })
  message!: string;

  @ApiProperty({
    required: false, type: Object, additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'For 400s about named fields: the problems by field path, e.g. {"sites.3.parentKey": ["\\"x\\" names no site of this request"]}.',
  })
  fields?: FieldErrors;

  @ApiProperty({
    required: false, type: Object,
    additionalProperties: {
      type: 'array',
      items: {
        type: 'object', required: ['rule'],
        properties: { rule: { type: 'string', enum: [...FIELD_RULES] }, limit: { type: 'integer' }, values: { type: 'array', items: { type: 'string' } } },
      },
    },
    description: 'For 400 VALIDATION_FAILED: each problem of `fields` as a rule, by the same paths and in the same order, for clients that word it in their own language, e.g. {"title": [{"rule": "maxLength", "limit": 300}]}. `other` when a check has no rule of its own.',
  })
  fieldRules?: FieldRules;

  @ApiProperty({ required: false, description: 'For 500s: the id under which the server logged the error.' })
  errorId?: string;

  @ApiProperty({ required: false, type: 'integer', description: 'For 429s: seconds to wait, also sent as the Retry-After header.' })
  retryAfter?: number;

  @ApiProperty({ required: false, type: Object, description: 'For 409s about an edit made on an outdated copy (e.g. MINUTES_ITEM_STALE): the thing as it is now.' })
  current?: unknown;
}

const ERROR_MEANINGS: Record<ErrorStatus, string> = {
  400: 'Invalid request; `fields` names each invalid field by path.',
  401: 'No token, or an invalid or expired one.',
  403: 'The caller\'s role (or site) in this conference does not allow it.',
  404: 'An id in the path or body does not exist (in this conference).',
  409: 'Not possible in the current state; the message says why.',
  429: 'Too many attempts, or too many at once; wait the Retry-After header\'s seconds.',
};
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 429;

export interface EndpointDoc {
  operationId: string;
  summary: string;
  /** The success body's DTO (an array for a list), or null for none. */
  response: Type<unknown> | [Type<unknown>] | null;
  /** 201 for POSTs that create, 202 for what is accepted and done later, else 200. */
  status?: 200 | 201 | 202;
  errors: ErrorStatus[];
}

/** The OpenAPI of one operation: a stable operationId for generated clients, its success body and its errors. */
export function Endpoint(doc: EndpointDoc) {
  const status = doc.status ?? 200;
  const errorBody = { $ref: getSchemaPath(ErrorResponseDto) };
  return applyDecorators(
    ApiExtraModels(ErrorResponseDto),
    ApiOperation({ operationId: doc.operationId, summary: doc.summary }),
    doc.response === null
      ? ApiResponse({ status, description: 'Done.' })
      : ApiResponse({ status, type: doc.response, description: 'Success.' }),
    ...doc.errors.map((s) => ApiResponse({ status: s, description: ERROR_MEANINGS[s], schema: errorBody })),
    ApiDefaultResponse({ description: 'Any other failure: 413 too large a body, 500 unexpected (with errorId, also in the log).', schema: errorBody }),
  );
}

// Response DTOs only document the contract's interfaces (each `implements` one, so the compiler keeps
// them in step); these shorthands keep them to one line per field.
export const IdProperty = (options: { nullable?: boolean; description?: string } = {}) =>
  ApiProperty({ type: String, format: 'uuid', nullable: options.nullable ?? false, description: options.description });

export const TimeProperty = (options: { nullable?: boolean; description?: string } = {}) =>
  ApiProperty({ type: String, format: 'date-time', nullable: options.nullable ?? false, description: options.description });

export const EnumProperty = (values: readonly string[], options: { nullable?: boolean; description?: string } = {}) =>
  ApiProperty({ enum: [...values], type: String, nullable: options.nullable ?? false, description: options.description });
