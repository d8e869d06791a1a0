import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { tooMany } from '@hoinghi/domain';
import type { AppConfig } from '../config/app-config';

/** Sign-ins counted per client address and per username (what a password guesser varies and what it aims at). */
export function loginThrottlers(config: AppConfig): ThrottlerModuleOptions {
  const ttl = config.loginWindowSeconds * 1000;
  return [
    { name: 'address', ttl, limit: config.loginAttemptsPerAddress },
    {
      name: 'username', ttl, limit: config.loginAttemptsPerUsername,
      getTracker: (req: Record<string, any>) => `username:${String(req.body?.username ?? '').trim().toLowerCase()}`,
    },
  ];
}

/**
 * Guards the sign-in route only: past either limit, 429 TOO_MANY_LOGIN_ATTEMPTS with Retry-After until
 * the window lets another attempt through. Counts are kept per meeting instance (in memory).
 */
@Injectable()
export class LoginThrottleGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw tooMany('TOO_MANY_LOGIN_ATTEMPTS', 'Too many sign-in attempts; wait before trying again.', detail.timeToExpire);
  }
}
