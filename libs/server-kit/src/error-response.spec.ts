import { BadRequestException, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { conflict, DomainError, invalid, invalidFields } from '@hoinghi/domain';
import { toErrorResponse } from './error-response';

describe('toErrorResponse', () => {
  const logger = new Logger('test');
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  });

  it('answers a domain error with its category\'s status, code and sentence', () => {
    expect(toErrorResponse(conflict('FLOOR_FREE', 'Nobody has the floor.'), logger)).toEqual({
      statusCode: 409, error: 'FLOOR_FREE', message: 'Nobody has the floor.',
    });
    expect(logged).not.toHaveBeenCalled();
  });

  it('carries the fields of a rule check and of DTO validation alike', () => {
    expect(toErrorResponse(invalid('PLANNED_END_NOT_AFTER_START', 'must be after plannedStart', 'plannedEnd'), logger)).toEqual({
      statusCode: 400, error: 'PLANNED_END_NOT_AFTER_START', message: 'plannedEnd must be after plannedStart.',
      fields: { plannedEnd: ['must be after plannedStart'] },
    });
    expect(toErrorResponse(invalidFields('VALIDATION_FAILED', { title: ['is required'] }), logger)).toMatchObject({
      statusCode: 400, fields: { title: ['is required'] },
    });
  });

  it('names the refusals of the HTTP layer: unknown route, malformed JSON, too large a body', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /api/nope'), logger)).toEqual({
      statusCode: 404, error: 'ROUTE_NOT_FOUND', message: 'Cannot GET /api/nope',
    });
    expect(toErrorResponse(new BadRequestException('Unexpected token'), logger)).toMatchObject({ statusCode: 400, error: 'MALFORMED_REQUEST' });
    // What Express's body parser passes on (an http-errors object, not an HttpException).
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, expose: true, type: 'entity.too.large' });
    expect(toErrorResponse(tooLarge, logger)).toEqual({ statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: 'request entity too large' });
  });

  it('uses the app\'s translator for its own exception types', () => {
    class WorkerGone extends Error {}
    const translate = (e: unknown) => (e instanceof WorkerGone ? new DomainError('WORKER_CLOSED', 'The worker stopped.') : undefined);
    expect(toErrorResponse(new WorkerGone(), logger, translate)).toMatchObject({ statusCode: 409, error: 'WORKER_CLOSED' });
  });

  it.each([
    ['a bug', new TypeError('x is undefined')],
    ['an HTTP status without a code', new ServiceUnavailableException()],
    ['a deliberate INTERNAL', new DomainError('INTERNAL', 'the ledger is inconsistent')],
    ['a thrown string', 'boom'],
  ])('answers %s with a 500 whose error id is also in the log', (_what, exception) => {
    const body = toErrorResponse(exception, logger);
    expect(body).toEqual({ statusCode: 500, error: 'INTERNAL', message: expect.stringMatching(/error id/), errorId: expect.any(String) });
    expect(logged).toHaveBeenCalledWith(`Unexpected error ${body.errorId}`, expect.anything());
  });

  it.each([
    ['PostgreSQL refusing connections', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['PostgreSQL shutting down (57P01) under a query', Object.assign(new Error('terminating connection due to administrator command'), { driverError: { code: '57P01' } })],
    ['a pooled connection cut', new Error('Connection terminated unexpectedly')],
  ])('answers %s with 503 SERVICE_UNAVAILABLE, not a 500', (_what, exception) => {
    logged.mockClear();
    expect(toErrorResponse(exception, logger)).toEqual({
      statusCode: 503, error: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/nothing was changed/), retryAfter: 5,
    });
    expect(logged).not.toHaveBeenCalled();
  });
});
