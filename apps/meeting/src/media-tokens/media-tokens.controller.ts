import { Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MediaJoinTokenResponse } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { MediaTokensService } from './media-tokens.service';

@ApiTags('media')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/sites/:siteId/media-token')
export class MediaTokensController {
  constructor(private readonly tokens: MediaTokensService) {}

  @Post()
  issue(
    @CurrentUser() user: AuthUser,
    @Param('conferenceId', ParseIdPipe) conferenceId: string,
    @Param('siteId', ParseIdPipe) siteId: string,
  ): Promise<MediaJoinTokenResponse> {
    return this.tokens.issue(user, conferenceId, siteId);
  }
}
