import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { MediaTokenService } from './media-token.service';

/** Internal routes answer the meeting service only (MediaTokenService.verifyMeetingService). */
@Injectable()
export class MeetingServiceGuard implements CanActivate {
  constructor(private readonly tokens: MediaTokenService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.tokens.verifyMeetingService(context.switchToHttp().getRequest<Request>().headers.authorization);
    return true;
  }
}
