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

/** A caller proven by a valid access token, before their account is read (see AccountCheckedByHandler). */
export interface TokenCaller {
  id: string;
  /** The token's `iat`, in whole seconds: a password reset after it ends the session. */
  issuedAt: number;
}

export const IS_PUBLIC = 'isPublic';
export const ACCOUNT_CHECKED_BY_HANDLER = 'accountCheckedByHandler';
/** Marks a route that needs no access token (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * For the hot path of a burst (casting a ballot): the guard checks the token alone, and the handler's own
 * statement checks the account in the same round trip (it exists, is not disabled, and the session was
 * not ended by a reset), asking AuthService.account for the 401's reason when it is not. The handler
 * takes the caller with @CurrentCaller().
 */
export const AccountCheckedByHandler = () => SetMetadata(ACCOUNT_CHECKED_BY_HANDLER, true);

export const CurrentCaller = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): TokenCaller => ctx.switchToHttp().getRequest().caller,
);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user,
);
