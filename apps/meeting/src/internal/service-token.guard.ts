import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { unauthenticated } from '@hoinghi/domain';
import { TOKEN_PARTIES } from '@hoinghi/contracts';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** A service token may live at most this long: a leaked one is worth little. */
export const SERVICE_TOKEN_MAX_SECONDS = 60;

/**
 * Internal routes answer other services, not users: `Authorization: Bearer <jwt>` signed HS256 with
 * MEDIA_TOKEN_SECRET, `typ: 'media-service'` (contracts' MediaServiceClaims), `iss`/`aud` of
 * TOKEN_PARTIES.mediaService and an `exp` at most
 * SERVICE_TOKEN_MAX_SECONDS ahead. The routes are @Public() for the user guard, which runs first.
 */
@Injectable()
export class ServiceTokenGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw unauthenticated('SERVICE_TOKEN_MISSING', 'This internal route needs Authorization: Bearer <service token>.');
    let claims: Record<string, unknown>;
    try {
      // algorithms pinned: a token with alg "none" or RS256 never verifies.
      // iss/aud pinned: a media join token (same secret) is for the gateway, not for this route.
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(match[1], {
        secret: this.config.mediaTokenSecret, algorithms: ['HS256'],
        issuer: TOKEN_PARTIES.mediaService.issuer, audience: TOKEN_PARTIES.mediaService.audience,
      });
    } catch {
      throw unauthenticated('SERVICE_TOKEN_INVALID', 'The service token is invalid or has expired.');
    }
    // A user's login token or a site's media join token may share the secret (dev); only typ tells them apart.
    if (claims.typ !== 'media-service') throw unauthenticated('SERVICE_TOKEN_INVALID', 'This is not a service token.');
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp > now + SERVICE_TOKEN_MAX_SECONDS) {
      throw unauthenticated('SERVICE_TOKEN_INVALID', `A service token must expire within ${SERVICE_TOKEN_MAX_SECONDS} s.`);
    }
    return true;
  }
}
