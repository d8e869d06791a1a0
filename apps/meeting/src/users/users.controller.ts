import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { UserEntity } from '@hoinghi/database';
import { foldVietnamese, forbidden } from '@hoinghi/domain';
import type { UserView } from '@hoinghi/contracts';
import { Repository } from 'typeorm';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { toUserView } from '../auth/auth.service';

const SEARCH_LIMIT = 50;

/** People search, for convening staff assigning roles. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  @Get()
  @ApiQuery({ name: 'q', required: false, description: 'Part of the name or username, with or without diacritics.' })
  async search(@CurrentUser() user: AuthUser, @Query('q') q = ''): Promise<UserView[]> {
    if (!user.canConvene && !user.isAdmin) throw forbidden('ROLE_FORBIDDEN', 'Only organising staff can search people.');
    const folded = `%${foldVietnamese(String(q)).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.users
      .createQueryBuilder('u')
      .where('u.full_name_search LIKE :q OR u.username LIKE :q', { q: folded })
      .orderBy('u.full_name_search', 'ASC')
      .limit(SEARCH_LIMIT)
      .getMany();
    return rows.map(toUserView);
  }
}
