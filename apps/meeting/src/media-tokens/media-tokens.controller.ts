import { Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MediaJoinTokenResponse } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { MediaJoinTokenResponseDto } from './dto/media-token.response.dto';
import { MediaTokensService } from './media-tokens.service';

@ApiTags('media')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/sites/:siteId/media-token')
export class MediaTokensController {
  constructor(private readonly tokens: MediaTokensService) {}

  @Post()
  @Endpoint({
    operationId: 'issueMediaToken', summary: 'A two-minute join token for the media gateway, for the caller\'s own site.',
    response: MediaJoinTokenResponseDto, status: 201, errors: [400, 401, 403, 404, 409],
  })
  issue(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('siteId') siteId: string,
  ): Promise<MediaJoinTokenResponse> {
    return this.tokens.issue(user, conferenceId, siteId);
  }
}
