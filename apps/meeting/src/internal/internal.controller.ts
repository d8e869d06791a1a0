import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FloorHolderResponse } from '@hoinghi/contracts';
import { Public } from '../auth/auth-user';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { FloorHolderService } from './floor-holder.service';
import { ServiceTokenGuard } from './service-token.guard';

/** Routes for the other services (the media gateway), with a service token instead of a user's. */
@ApiTags('internal')
@ApiBearerAuth()
@Public()
@UseGuards(ServiceTokenGuard)
@Controller('internal')
export class InternalController {
  constructor(private readonly floorHolder: FloorHolderService) {}

  @Get('conferences/:conferenceId/floor-holder')
  floorHolderOf(@Param('conferenceId', ParseIdPipe) conferenceId: string): Promise<FloorHolderResponse> {
    return this.floorHolder.read(conferenceId);
  }
}
