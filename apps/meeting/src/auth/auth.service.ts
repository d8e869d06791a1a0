import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { UserEntity } from '@hoinghi/database';
import { unauthenticated } from '@hoinghi/domain';
import { TOKEN_PARTIES, type LoginResponse, type UserView } from '@hoinghi/contracts';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import type { AccessSession, AccessTokenClaims, AuthUser, TokenCaller } from './auth-user';
import { PasswordChecks } from './password-checks';

export const toUserView = (u: UserEntity): UserView => ({
  id: u.id,
  username: u.username,
  fullName: u.fullName,
  isAdmin: u.isAdmin,
  canConvene: u.canConvene,
  disabled: u.disabledAt !== null,
});

const DISABLED = 'This account has been disabled by an administrator.';

const WRONG_LOGIN = 'Wrong username or password.';

@Injectable()
export class AuthService {
  /**
   * Verified against when the username is unknown, with the same parameters as real hashes and through
   * the same queue, so an unknown user and a wrong password take the same time and get the same answer.
   */
  private readonly decoyHash = AuthService.hashPassword('decoy-password-never-used');

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordChecks,
  ) {}

  async login(username: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findOne({ where: { username: username.trim().toLowerCase() } });
    const ok = await this.passwords.verify(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user || !ok) throw unauthenticated('UNAUTHENTICATED', WRONG_LOGIN);
    // Said only after the right password, so it tells nothing to someone guessing.
    if (user.disabledAt) throw unauthenticated('ACCOUNT_DISABLED', DISABLED);
    return this.issue(toUserView(user));
  }

  /** A fresh access token for the caller of a valid one (the guard has checked it and the user still exists). */
  refresh(user: AuthUser): Promise<LoginResponse> {
    return this.issue(user);
  }

  /** Resolves an access token to its user; used by the HTTP guard. */
  async authenticate(token: string | undefined): Promise<AuthUser> {
    return (await this.verify(token)).user;
  }

  /**
   * For tokens made for a signed-in user (a recording link): the user still exists, is not disabled, and
   * has not reset their password since the token was made (`issuedAt`, whole seconds, as a JWT's iat).
   */
  async assertActive(userId: string, issuedAt: number): Promise<void> {
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user) throw unauthenticated('UNAUTHENTICATED', 'The token does not belong to a known user; sign in again.');
    if (user.disabledAt) throw unauthenticated('ACCOUNT_DISABLED', DISABLED);
    if (user.tokensValidFrom && issuedAt < Math.floor(user.tokensValidFrom.getTime() / 1000)) {
      throw unauthenticated('UNAUTHENTICATED', 'This link ended when the password was reset; sign in again.');
    }
  }

  /** Resolves an access token to its user and its end; the socket gateway disconnects at that end. */
  async verify(token: string | undefined): Promise<AccessSession> {
    const claims = await this.claims(token);
    return { user: await this.account({ id: claims.sub, issuedAt: claims.iat ?? 0 }), expiresAt: claims.exp * 1000 };
  }

  /** Checks an access token alone (signature, parties, type, expiry): its caller, whose account is still to be read. */
  async caller(token: string | undefined): Promise<TokenCaller> {
    const claims = await this.claims(token);
    return { id: claims.sub, issuedAt: claims.iat ?? 0 };
  }

  /**
   * The account of a caller with a valid token, or the 401 saying why not: unknown, disabled, or its
   * session ended by a password reset or a disabling after the token was issued.
   */
  async account(caller: TokenCaller): Promise<AuthUser> {
    const user = await this.users.findOne({ where: { id: caller.id } });
    if (!user) throw unauthenticated('UNAUTHENTICATED', 'The access token does not belong to a known user; sign in again.');
    if (user.disabledAt) throw unauthenticated('ACCOUNT_DISABLED', DISABLED);
    // iat is in whole seconds (cast_ballots compares the same way).
    if (user.tokensValidFrom && caller.issuedAt < Math.floor(user.tokensValidFrom.getTime() / 1000)) {
      throw unauthenticated('UNAUTHENTICATED', 'This session ended when the password was reset; sign in again.');
    }
    return toUserView(user);
  }

  private async claims(token: string | undefined): Promise<AccessTokenClaims & { exp: number; iat?: number }> {
    if (!token) throw unauthenticated('UNAUTHENTICATED', 'Sign in first: no access token was sent.');
    let claims: AccessTokenClaims & { exp?: number; iat?: number };
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp?: number; iat?: number }>(token, {
        issuer: TOKEN_PARTIES.access.issuer, audience: TOKEN_PARTIES.access.audience,
      });
    } catch {
      throw unauthenticated('UNAUTHENTICATED', 'The access token is invalid or has expired; sign in again.');
    }
    if (claims.typ !== 'access' || typeof claims.exp !== 'number') {
      throw unauthenticated('UNAUTHENTICATED', 'The access token does not belong to a known user; sign in again.');
    }
    return claims as AccessTokenClaims & { exp: number; iat?: number };
  }

  private async issue(user: UserView): Promise<LoginResponse> {
    const claims: AccessTokenClaims = { sub: user.id, typ: 'access' };
    const accessToken = await this.jwt.signAsync(claims, { issuer: TOKEN_PARTIES.access.issuer, audience: TOKEN_PARTIES.access.audience });
    const { exp } = this.jwt.decode<{ exp: number }>(accessToken);
    return { accessToken, expiresAt: new Date(exp * 1000).toISOString(), user };
  }

  static hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }
}
