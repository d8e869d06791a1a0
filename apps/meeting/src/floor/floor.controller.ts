import { Body, Controller, Delete, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FloorRequestView, FloorState } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { FloorLimitRequestDto, FloorRequestRequestDto, MoveFloorRequestDto } from './dto/floor.dto';
import { FloorRequestResponseDto, FloorStateResponseDto } from './dto/floor.response.dto';
import { FloorService } from './floor.service';

@ApiTags('floor')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/floor')
export class FloorController {
  constructor(private readonly floor: FloorService) {}

  @Post('requests')
  @Endpoint({
    operationId: 'requestFloor', summary: 'A site, or a delegate at it, asks to speak (đăng ký phát biểu).',
    response: FloorRequestResponseDto, status: 201, errors: [400, 401, 403, 404, 409],
  })
  request(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @Body() dto: FloorRequestRequestDto,
  ): Promise<FloorRequestView> {
    return this.floor.request(user, conferenceId, dto);
  }

  @Delete('requests/:requestId')
  @Endpoint({
    operationId: 'withdrawFloorRequest', summary: 'Withdraws a waiting request (its site, or the chair).',
    response: FloorStateResponseDto, errors: [400, 401, 403, 404, 409],
  })
  withdraw(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('requestId') requestId: string,
  ): Promise<FloorState> {
    return this.floor.withdraw(user, conferenceId, requestId);
  }

  @Put('requests/:requestId/position')
  @Endpoint({
    operationId: 'moveFloorRequest', summary: 'Moves a waiting request to another place in the queue (the chair).',
    response: FloorStateResponseDto, errors: [400, 401, 403, 404, 409],
  })
  move(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('requestId') requestId: string,
    @Body() dto: MoveFloorRequestDto,
  ): Promise<FloorState> {
    return this.floor.move(user, conferenceId, requestId, dto.position);
  }

  @Put('requests/:requestId/limit')
  @Endpoint({
    operationId: 'setFloorLimit', summary: 'Sets or clears the speaking-time limit of a waiting request or of the current speaker (the chair).',
    response: FloorStateResponseDto, errors: [400, 401, 403, 404, 409],
  })
  setLimit(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('requestId') requestId: string,
    @Body() dto: FloorLimitRequestDto,
  ): Promise<FloorState> {
    return this.floor.setLimit(user, conferenceId, requestId, dto);
  }

  @Post('requests/:requestId/grant')
  @HttpCode(200)
  @Endpoint({
    operationId: 'grantFloor', summary: 'Gives the floor to a waiting request; whoever had it is ended first (the chair).',
    response: FloorStateResponseDto, errors: [400, 401, 403, 404, 409],
  })
  grant(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('requestId') requestId: string,
  ): Promise<FloorState> {
    return this.floor.grant(user, conferenceId, requestId);
  }

  @Post('end')
  @HttpCode(200)
  @Endpoint({ operationId: 'endFloor', summary: 'Ends the current speaker\'s turn (the chair).', response: FloorStateResponseDto, errors: [400, 401, 403, 404, 409] })
  end(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<FloorState> {
    return this.floor.end(user, conferenceId);
  }
}
