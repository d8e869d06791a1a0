import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { validationPipe } from '../common/validation';
import { BallotBodyPipe, plainlyValidBallot } from './ballot-body';
import { CastBallotRequestDto } from './dto/poll.dto';

// The hot path may take a ballot body without the DTO's checks only when those checks would take it too.
const dtoChecks = (body: unknown) => validationPipe().transform(body, { type: 'body', metatype: CastBallotRequestDto });
const key = 'c5a8e1f0-1b2c-4d3e-8f90-a1b2c3d4e5f6';
const [a, b] = [randomUUID(), randomUUID()];

const valid: unknown[] = [
  { idempotencyKey: key, choice: 'yes' },
  { idempotencyKey: 'retry:7_x.y-z', choice: 'abstain' },
  { idempotencyKey: key, ratings: [{ optionId: a, level: 'high' }, { optionId: b, level: 'low' }] },
  { idempotencyKey: key, ratings: [] },
  { idempotencyKey: key, selected: [a, b.toUpperCase()] },
  { idempotencyKey: key, selected: [] },
  { idempotencyKey: key }, // no choice at all: the DTO takes it, the poll's rule (validateBallot) refuses it
];

const doubtful: unknown[] = [
  null, [], 'yes', { choice: 'yes' }, { idempotencyKey: key, choice: 'maybe' }, { idempotencyKey: key, choice: null },
  { idempotencyKey: 'short', choice: 'yes' }, { idempotencyKey: 'x'.repeat(101), choice: 'yes' }, { idempotencyKey: 'has space!', choice: 'yes' },
  { idempotencyKey: 12345678, choice: 'yes' }, { idempotencyKey: key, choice: 'yes', extra: 1 }, { idempotencyKey: key, ratings: null },
  { idempotencyKey: key, ratings: [{ optionId: a, level: 'great' }] }, { idempotencyKey: key, ratings: [{ optionId: 'not-a-uuid', level: 'high' }] },
  { idempotencyKey: key, ratings: [{ optionId: a, level: 'high', note: 'x' }] }, { idempotencyKey: key, ratings: [null] }, { idempotencyKey: key, ratings: {} },
  { idempotencyKey: key, ratings: Array.from({ length: 201 }, () => ({ optionId: a, level: 'high' })) },
  { idempotencyKey: key, selected: [a, 'nope'] }, { idempotencyKey: key, selected: [7] }, { idempotencyKey: key, selected: a },
  { idempotencyKey: key, selected: Array.from({ length: 201 }, () => a) },
];

describe('the ballot body on the hot path', () => {
  it.each(valid.map((body) => [JSON.stringify(body).slice(0, 80), body]))('takes %s plainly, as the DTO\'s checks do', async (_, body) => {
    expect(plainlyValidBallot(body)).toBe(true);
    await expect(dtoChecks(body)).resolves.toBeDefined();
    expect(await new BallotBodyPipe().transform(body)).toBe(body);
  });

  it.each(doubtful.map((body) => [JSON.stringify(body)?.slice(0, 80), body]))('leaves %s to the DTO\'s checks, which answer it as everywhere else', async (_, body) => {
    expect(plainlyValidBallot(body)).toBe(false);
    const pipe = new BallotBodyPipe().transform(body);
    const checks = dtoChecks(body);
    const [fromPipe, fromChecks] = await Promise.allSettled([pipe, checks]);
    expect(fromPipe.status).toBe(fromChecks.status);
    if (fromPipe.status === 'rejected' && fromChecks.status === 'rejected') expect(fromPipe.reason).toEqual(fromChecks.reason);
  });

  it('refuses what the DTO refuses, naming the field', async () => {
    await expect(new BallotBodyPipe().transform({ idempotencyKey: key, ratings: [{ optionId: a, level: 'great' }] }))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'ratings.0.level': [expect.any(String)] } });
    await expect(new BallotBodyPipe().transform({ choice: 'yes' })).rejects.toMatchObject({ fields: { idempotencyKey: ['is required'] } });
  });
});
