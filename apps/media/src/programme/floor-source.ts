import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { TOKEN_PARTIES, type FloorHolderResponse, type MediaServiceClaims } from '@hoinghi/contracts';
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';

/** Half the meeting service's 60 s limit, so clocks of the two hosts may differ by up to 30 s. */
const TOKEN_SECONDS = 30;
const TIMEOUT_MS = 5000;

/** Reads the floor holder and the queue's head from the meeting service (its database is the truth; Redis only carries news). */
@Injectable()
export class FloorSource {
  constructor(
    private readonly jwt: JwtService,
    @Inject(MEDIA_CONFIG) private readonly config: MediaConfig,
  ) {}

  /**
   * Resolves with the holder's site id (null for nobody) and the sites next in the queue (none also for a
   * conference the meeting service does not know); throws when it cannot tell.
   */
  async read(conferenceId: string): Promise<{ holder: string | null; next: string[] }> {
    const claims: MediaServiceClaims = { typ: 'media-service' };
    const token = await this.jwt.signAsync(claims, {
      secret: this.config.mediaTokenSecret, algorithm: 'HS256', expiresIn: TOKEN_SECONDS,
      issuer: TOKEN_PARTIES.mediaService.issuer, audience: TOKEN_PARTIES.mediaService.audience,
    });
    const url = `${this.config.meetingInternalUrl}/api/internal/conferences/${encodeURIComponent(conferenceId)}/floor-holder`;
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause;
      throw new Error(`${url}: ${cause?.message ?? (error as Error).message}`);
    }
    const text = await response.text();
    // Only the route's own 404 means "no such conference"; any other (a proxy, an older meeting service) is a failure.
    if (response.status === 404 && text.includes('"CONFERENCE_NOT_FOUND"')) return { holder: null, next: [] };
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
    const body = JSON.parse(text) as FloorHolderResponse;
    if (body?.v !== 1 || body.conferenceId !== conferenceId) throw new Error(`${url} answered an unexpected body`);
    const next = Array.isArray(body.next) ? body.next.filter((s): s is string => typeof s === 'string') : [];
    return { holder: body.holder?.siteId ?? null, next };
  }
}
