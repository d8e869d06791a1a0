import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCOUNT_CHECKED_BY_HANDLER, IS_PUBLIC } from './auth-user';
import { AuthService } from './auth.service';

/**
 * Global guard: every route needs a bearer token unless marked @Public(). The caller's account is read
 * here, except on routes marked @AccountCheckedByHandler(), whose handler reads it in its own statement.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: unknown; caller?: unknown }>();
    const [scheme, raw] = (request.headers.authorization ?? '').split(' ');
    const token = scheme?.toLowerCase() === 'bearer' ? raw : undefined;
    if (this.reflector.getAllAndOverride<boolean>(ACCOUNT_CHECKED_BY_HANDLER, targets)) request.caller = await this.auth.caller(token);
    else request.user = await this.auth.authenticate(token);
    return true;
  }
}
