import { Body, Controller, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MediaControlsView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { AudioCommandRequestDto, MediaControlsResponseDto, SetSharingRequestDto } from './dto/media-controls.dto';
import { MediaControlsService } from './media-controls.service';

@ApiTags('media-controls')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/media-controls')
export class MediaControlsController {
  constructor(private readonly controls: MediaControlsService) {}

  @Put('sharing')
  @Endpoint({
    operationId: 'setScreenSharing',
    summary: 'The chair allows or stops the floor holder\'s screen sharing (a share running when it is withdrawn stops at once).',
    response: MediaControlsResponseDto, errors: [400, 401, 403, 404, 409],
  })
  setSharing(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Body() dto: SetSharingRequestDto): Promise<MediaControlsView> {
    return this.controls.setSharing(user, conferenceId, dto.floorShareAllowed);
  }

  @Post('audio')
  @HttpCode(200)
  @Endpoint({
    operationId: 'commandAudio',
    summary: 'The chair mutes or unmutes a site, mutes every site but the floor holder, or unmutes all: the media gateway pauses the muted sites\' microphones.',
    response: MediaControlsResponseDto, errors: [400, 401, 403, 404, 409],
  })
  audio(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Body() dto: AudioCommandRequestDto): Promise<MediaControlsView> {
    return this.controls.audio(user, conferenceId, dto);
  }
}
