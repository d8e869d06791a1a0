import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { GATEWAY_ID, TOKEN_PARTIES, type MediaJoinClaims } from '@hoinghi/contracts';
import { forbidden, unauthenticated } from '@hoinghi/domain';
import { SAFE_ID } from '../common/safe-id.pipe';
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';

/** As the meeting service's ServiceTokenGuard: a leaked service token is worth a minute at most. */
const SERVICE_TOKEN_MAX_SECONDS = 60;
/** The holder's name in a join token (MediaJoinClaims.name): shown to the site's other connections. */
const MAX_NAME = 100;

/** A verified join token: its claims, its id (single use) and its end (ms since the epoch). */
export interface VerifiedJoinToken {
  claims: MediaJoinClaims;
  jti: string;
  expiresAt: number;
}

/**
 * Checks the join token the meeting service issued (HS256, shared secret, `iss`/`aud` of
 * TOKEN_PARTIES.mediaJoin, short-lived, one site in one conference, and in a cluster the gateway it was
 * placed on).
 */
@Injectable()
export class MediaTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(MEDIA_CONFIG) private readonly config: MediaConfig,
  ) {}

  async verify(token: unknown): Promise<MediaJoinClaims> {
    return (await this.verifyJoin(token)).claims;
  }

  async verifyJoin(token: unknown): Promise<VerifiedJoinToken> {
    if (typeof token !== 'string' || token === '') {
      throw unauthenticated('TOKEN_MISSING', 'A media join token is required (socket.io auth: { token }).');
    }
    let payload: Record<string, unknown>;
    try {
      payload = await this.jwt.verifyAsync<Record<string, unknown>>(token, {
        secret: this.config.mediaTokenSecret, algorithms: ['HS256'],
        issuer: TOKEN_PARTIES.mediaJoin.issuer, audience: TOKEN_PARTIES.mediaJoin.audience,
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'TokenExpiredError') {
        throw unauthenticated('TOKEN_EXPIRED', 'The media join token has expired; ask the meeting service for a new one.');
      }
      if (error instanceof Error && /audience|issuer/.test(error.message)) {
        throw unauthenticated('TOKEN_WRONG_TYPE', 'This token was not issued for the media gateway.');
      }
      throw unauthenticated('TOKEN_INVALID', 'The media join token is not valid (bad signature or malformed).');
    }
    const { typ, cid, sid, uid, main, name, gw, jti, exp } = payload;
    if (typ !== 'media-join') throw unauthenticated('TOKEN_WRONG_TYPE', 'This is not a media join token.');
    if (typeof cid !== 'string' || typeof sid !== 'string' || typeof uid !== 'string' || typeof main !== 'boolean' || !SAFE_ID.test(cid) || !SAFE_ID.test(sid)) {
      throw unauthenticated('TOKEN_INVALID', 'The media join token lacks its conference, site or user.');
    }
    if (typeof jti !== 'string' || jti === '' || typeof exp !== 'number') {
      throw unauthenticated('TOKEN_INVALID', 'The media join token lacks its id or its expiry.');
    }
    if (gw !== undefined && (typeof gw !== 'string' || !GATEWAY_ID.test(gw))) throw unauthenticated('TOKEN_INVALID', 'The media join token names no valid gateway.');
    // Checked before the token is used up, so the client can still take it to the gateway it names.
    const here = this.config.cluster?.gatewayId;
    if (gw !== undefined && here !== undefined && gw !== here) {
      throw forbidden('WRONG_GATEWAY', `This media join token is for gateway ${gw}, not ${here}; connect to the gateway the meeting service named.`);
    }
    const claims: MediaJoinClaims = { typ, cid, sid, uid, main };
    if (typeof name === 'string' && name.trim() !== '') claims.name = name.trim().slice(0, MAX_NAME);
    if (gw !== undefined) claims.gw = gw;
    return { claims, jti, expiresAt: exp * 1000 };
  }

  /** A token opens one conference only (signalling joins and REST alike). */
  assertConference(claims: MediaJoinClaims, conferenceId: string): void {
    if (conferenceId !== claims.cid) throw forbidden('FOREIGN_CONFERENCE', 'This media token is for another conference.');
  }

  /**
   * Operators' details (GET /api/health): a service token as the meeting service and the gateway sign
   * them for each other — HS256 with MEDIA_TOKEN_SECRET, `typ: 'media-service'`, `exp` at most
   * SERVICE_TOKEN_MAX_SECONDS ahead. Whoever holds the secret may look; nobody else.
   */
  async verifyService(header: string | undefined): Promise<void> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw unauthenticated('SERVICE_TOKEN_MISSING', 'This needs Authorization: Bearer <service token>.');
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(match[1], { secret: this.config.mediaTokenSecret, algorithms: ['HS256'] });
    } catch {
      throw unauthenticated('SERVICE_TOKEN_INVALID', 'The service token is invalid or has expired.');
    }
    if (claims.typ !== 'media-service') throw unauthenticated('SERVICE_TOKEN_INVALID', 'This is not a service token.');
    if (typeof claims.exp !== 'number' || claims.exp > Math.floor(Date.now() / 1000) + SERVICE_TOKEN_MAX_SECONDS) {
      throw unauthenticated('SERVICE_TOKEN_INVALID', `A service token must expire within ${SERVICE_TOKEN_MAX_SECONDS} s.`);
    }
  }

  /**
   * The gateway's internal routes (recorded files): a token the meeting service signs for them — HS256 with
   * MEDIA_TOKEN_SECRET, `iss`/`aud` of TOKEN_PARTIES.meetingService (so neither a join token nor the
   * gateway's own service token passes), `typ: 'meeting-service'`, `exp` at most SERVICE_TOKEN_MAX_SECONDS ahead.
   */
  async verifyMeetingService(header: string | undefined): Promise<void> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw unauthenticated('SERVICE_TOKEN_MISSING', 'This internal route needs Authorization: Bearer <service token>.');
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(match[1], {
        secret: this.config.mediaTokenSecret, algorithms: ['HS256'],
        issuer: TOKEN_PARTIES.meetingService.issuer, audience: TOKEN_PARTIES.meetingService.audience,
      });
    } catch {
      throw unauthenticated('SERVICE_TOKEN_INVALID', 'The service token is invalid or has expired.');
    }
    if (claims.typ !== 'meeting-service') throw unauthenticated('SERVICE_TOKEN_INVALID', 'This is not the meeting service\'s token.');
    if (typeof claims.exp !== 'number' || claims.exp > Math.floor(Date.now() / 1000) + SERVICE_TOKEN_MAX_SECONDS) {
      throw unauthenticated('SERVICE_TOKEN_INVALID', `A service token must expire within ${SERVICE_TOKEN_MAX_SECONDS} s.`);
    }
  }

  /** REST: `Authorization: Bearer <media join token>`. */
  async verifyBearer(header: string | undefined): Promise<MediaJoinClaims> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw unauthenticated('TOKEN_MISSING', 'Send the media join token as Authorization: Bearer <token>.');
    return this.verify(match[1]);
  }
}
