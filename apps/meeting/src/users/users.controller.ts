import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { UserView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiQuery({ name: 'q', required: false, description: 'Part of the name or username, with or without diacritics.' })
  search(@CurrentUser() user: AuthUser, @Query('q') q = ''): Promise<UserView[]> {
    return this.users.search(user, String(q));
  }
}
