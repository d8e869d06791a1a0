import { Body, Controller, Delete, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FloorRequestView, FloorState } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { FloorRequestRequestDto, MoveFloorRequestDto } from './dto/floor.dto';
import { FloorService } from './floor.service';

@ApiTags('floor')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/floor')
export class FloorController {
  constructor(private readonly floor: FloorService) {}

  @Post('requests')
  request(
    @CurrentUser() user: AuthUser,
    @Param('conferenceId', ParseIdPipe) conferenceId: string,
    @Body() dto: FloorRequestRequestDto,
  ): Promise<FloorRequestView> {
    return this.floor.request(user, conferenceId, dto);
  }

  @Delete('requests/:requestId')
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('conferenceId', ParseIdPipe) conferenceId: string,
    @Param('requestId', ParseIdPipe) requestId: string,
  ): Promise<FloorState> {
    return this.floor.withdraw(user, conferenceId, requestId);
  }

  @Put('requests/:requestId/position')
  move(
    @CurrentUser() user: AuthUser,
    @Param('conferenceId', ParseIdPipe) conferenceId: string,
    @Param('requestId', ParseIdPipe) requestId: string,
    @Body() dto: MoveFloorRequestDto,
  ): Promise<FloorState> {
    return this.floor.move(user, conferenceId, requestId, dto.position);
  }

  @Post('requests/:requestId/grant')
  @HttpCode(200)
  grant(
    @CurrentUser() user: AuthUser,
    @Param('conferenceId', ParseIdPipe) conferenceId: string,
    @Param('requestId', ParseIdPipe) requestId: string,
  ): Promise<FloorState> {
    return this.floor.grant(user, conferenceId, requestId);
  }

  @Post('end')
  @HttpCode(200)
  end(@CurrentUser() user: AuthUser, @Param('conferenceId', ParseIdPipe) conferenceId: string): Promise<FloorState> {
    return this.floor.end(user, conferenceId);
  }
}
