import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserPage } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { UserSearchQueryDto } from './dto/user.dto';
import { UserPageResponseDto } from './dto/user-page.response.dto';
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
}
