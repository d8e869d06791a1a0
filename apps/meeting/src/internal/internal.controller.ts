import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FloorHolderResponse, MediaControlsResponse } from '@hoinghi/contracts';
import { Public } from '../auth/auth-user';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { MediaControlsService } from '../media-controls/media-controls.service';
import { FloorHolderService } from './floor-holder.service';
import { ServiceTokenGuard } from './service-token.guard';

/** Routes for the other services (the media gateway), with a service token instead of a user's. */
@ApiTags('internal')
@ApiBearerAuth()
@Public()
@UseGuards(ServiceTokenGuard)
@Controller('internal')
export class InternalController {
  constructor(
    private readonly floorHolder: FloorHolderService,
    private readonly mediaControls: MediaControlsService,
  ) {}

  @Get('conferences/:conferenceId/floor-holder')
  floorHolderOf(@Param('conferenceId', ParseIdPipe) conferenceId: string): Promise<FloorHolderResponse> {
    return this.floorHolder.read(conferenceId);
  }

  /** The chair's media controls, for a gateway whose room opens or whose Redis link came back. */
  @Get('conferences/:conferenceId/media-controls')
  mediaControlsOf(@Param('conferenceId', ParseIdPipe) conferenceId: string): Promise<MediaControlsResponse> {
    return this.mediaControls.forGateway(conferenceId);
  }
}
