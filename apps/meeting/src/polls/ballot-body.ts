import { createParamDecorator, ExecutionContext, Injectable, PipeTransform } from '@nestjs/common';
import { COMMENT_LIMITS, CONFIDENCE_LEVELS, IDEMPOTENCY_KEY_PATTERN, POLL_LIMITS, VOTE_CHOICES, type CastBallotRequest } from '@hoinghi/contracts';
import { isUUID } from 'class-validator';
import { validationPipe } from '../common/validation';
import { CastBallotRequestDto } from './dto/poll.dto';

const FIELDS = new Set(['idempotencyKey', 'choice', 'ratings', 'selected']);
const RATING_FIELDS = new Set(['optionId', 'level']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const only = (v: Record<string, unknown>, fields: Set<string>) => Object.keys(v).every((k) => fields.has(k));

/**
 * A ballot body that CastBallotRequestDto's checks certainly accept: only its fields, each of its type
 * and within its bounds (absent, not null). Anything else goes through those checks, which word the 400.
 */
export function plainlyValidBallot(body: unknown): body is CastBallotRequest {
  if (!isObject(body) || !only(body, FIELDS)) return false;
  const { idempotencyKey: key, choice, ratings, selected } = body;
  if (typeof key !== 'string' || key.length < COMMENT_LIMITS.keyMinChars || key.length > COMMENT_LIMITS.keyMaxChars || !IDEMPOTENCY_KEY_PATTERN.test(key)) return false;
  if (choice !== undefined && !VOTE_CHOICES.includes(choice as never)) return false;
  if (ratings !== undefined && !(Array.isArray(ratings) && ratings.length <= POLL_LIMITS.options && ratings.every((r) =>
    isObject(r) && only(r, RATING_FIELDS) && isUUID(r.optionId, 'all') && CONFIDENCE_LEVELS.includes(r.level as never)))) return false;
  if (selected !== undefined && !(Array.isArray(selected) && selected.length <= POLL_LIMITS.options && selected.every((id) => isUUID(id, 'all')))) return false;
  return true;
}

/**
 * The ballot's body, checked for the hot path: a plainly valid one is taken as it is; any other runs
 * the DTO's checks (the global ValidationPipe's), so every 400 is worded as everywhere else. It skips
 * class-transformer and class-validator — about a sixth of a ballot's CPU in the meeting service —
 * for the bodies real clients send (test: ballot-body.spec.ts holds it to the DTO's checks).
 */
@Injectable()
export class BallotBodyPipe implements PipeTransform<unknown, Promise<CastBallotRequest>> {
  private readonly checks = validationPipe();

  async transform(body: unknown): Promise<CastBallotRequest> {
    if (plainlyValidBallot(body)) return body;
    return this.checks.transform(body, { type: 'body', metatype: CastBallotRequestDto }) as Promise<CastBallotRequest>;
  }
}

/** The raw request body: a custom parameter, which the global ValidationPipe leaves to BallotBodyPipe. */
export const BallotBody = createParamDecorator((_: unknown, ctx: ExecutionContext): unknown => ctx.switchToHttp().getRequest().body);
