import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { UserEntity } from '@hoinghi/database';
import { unauthenticated } from '@hoinghi/domain';
import type { LoginResponse, UserView } from '@hoinghi/contracts';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import type { AccessTokenClaims, AuthUser } from './auth-user';

export const toUserView = (u: UserEntity): UserView => ({
  id: u.id,
  username: u.username,
  fullName: u.fullName,
  isAdmin: u.isAdmin,
  canConvene: u.canConvene,
});

@Injectable()
export class AuthService {
  /** Verified against when the username is unknown, so both failures take the same time. */
  private readonly decoyHash = argon2.hash('decoy-password-never-used');

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findOne({ where: { username: username.trim().toLowerCase() } });
    const ok = await argon2.verify(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user || !ok) throw unauthenticated('UNAUTHENTICATED', 'Wrong username or password.');
    const claims: AccessTokenClaims = { sub: user.id, typ: 'access' };
    return { accessToken: await this.jwt.signAsync(claims), user: toUserView(user) };
  }

  /** Resolves an access token to its user; used by the HTTP guard and the socket gateway. */
  async authenticate(token: string | undefined): Promise<AuthUser> {
    if (!token) throw unauthenticated('UNAUTHENTICATED', 'Sign in first: no access token was sent.');
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw unauthenticated('UNAUTHENTICATED', 'The access token is invalid or has expired; sign in again.');
    }
    const user = claims.typ === 'access' ? await this.users.findOne({ where: { id: claims.sub } }) : null;
    if (!user) throw unauthenticated('UNAUTHENTICATED', 'The access token does not belong to a known user; sign in again.');
    return toUserView(user);
  }

  static hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }
}
