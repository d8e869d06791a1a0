import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

/** Who is calling, as proven by the access token. */
export interface AuthUser {
  id: string;
  username: string;
  fullName: string;
  isAdmin: boolean;
  canConvene: boolean;
  /** Always false here: a disabled account is refused before it becomes a caller. */
  disabled: boolean;
}

/** Signed with JWT_SECRET; `iss`/`aud` are TOKEN_PARTIES.access, `exp` JWT_EXPIRES_IN ahead. */
export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
}

/** A verified access token: its user and when it ends (ms since the epoch). */
export interface AccessSession {
  user: AuthUser;
  expiresAt: number;
}

export const IS_PUBLIC = 'isPublic';
/** Marks a route that needs no access token (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user,
);
