import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserPage, UserView, UserWithPassword } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { UserResponseDto } from '../auth/dto/auth.response.dto';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { CreateUserRequestDto, UpdateUserRequestDto, UserSearchQueryDto } from './dto/user.dto';
import { UserPageResponseDto } from './dto/user-page.response.dto';
import { UserWithPasswordResponseDto } from './dto/user-with-password.response.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Endpoint({
    operationId: 'searchUsers', summary: 'People by name or username, a page at a time (organising staff only).',
    response: UserPageResponseDto, errors: [400, 401, 403],
  })
  search(@CurrentUser() user: AuthUser, @Query() query: UserSearchQueryDto): Promise<UserPage> {
    return this.users.search(user, query);
  }

  @Post()
  @Endpoint({
    operationId: 'createUser', summary: 'Creates an account with a one-time password, shown once (administrators).',
    response: UserWithPasswordResponseDto, status: 201, errors: [400, 401, 403, 409],
  })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserRequestDto): Promise<UserWithPassword> {
    return this.users.create(user, dto);
  }

  @Patch(':userId')
  @Endpoint({
    operationId: 'updateUser', summary: 'Changes the name or rights, disables or enables an account (administrators; not their own rights).',
    response: UserResponseDto, errors: [400, 401, 403, 404, 409],
  })
  update(@CurrentUser() user: AuthUser, @IdParam('userId') userId: string, @Body() dto: UpdateUserRequestDto): Promise<UserView> {
    return this.users.update(user, userId, dto);
  }

  @Post(':userId/password')
  @HttpCode(200)
  @Endpoint({
    operationId: 'resetUserPassword', summary: 'A new one-time password, shown once; sessions opened before end (administrators).',
    response: UserWithPasswordResponseDto, errors: [400, 401, 403, 404],
  })
  resetPassword(@CurrentUser() user: AuthUser, @IdParam('userId') userId: string): Promise<UserWithPassword> {
    return this.users.resetPassword(user, userId);
  }
}
