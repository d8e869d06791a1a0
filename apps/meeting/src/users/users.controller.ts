import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserPage } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { UserSearchQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  search(@CurrentUser() user: AuthUser, @Query() query: UserSearchQueryDto): Promise<UserPage> {
    return this.users.search(user, query);
  }
}
