import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { MediaJoinClaims } from '@hoinghi/contracts';
import type { Request } from 'express';
import { MediaTokenService } from './media-token.service';

export type MediaRequest = Request & { media: MediaJoinClaims };

/** REST routes under /conferences/:id take the same join token as signalling, for that conference only. */
@Injectable()
export class MediaTokenGuard implements CanActivate {
  constructor(private readonly tokens: MediaTokenService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<MediaRequest>();
    const claims = await this.tokens.verifyBearer(request.headers.authorization);
    const conferenceId = request.params.id;
    if (conferenceId !== undefined) this.tokens.assertConference(claims, String(conferenceId));
    request.media = claims;
    return true;
  }
}
