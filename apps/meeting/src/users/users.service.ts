import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { UserEntity } from '@hoinghi/database';
import { containsPattern, forbidden } from '@hoinghi/domain';
import type { UserView } from '@hoinghi/contracts';
import { Repository } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { toUserView } from '../auth/auth.service';

const SEARCH_LIMIT = 50;

@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** People search for convening staff assigning roles; "nguyen van an" finds "Nguyễn Văn An". */
  async search(user: AuthUser, query: string): Promise<UserView[]> {
    if (!user.canConvene && !user.isAdmin) throw forbidden('ROLE_FORBIDDEN', 'Only organising staff can search people.');
    const rows = await this.users
      .createQueryBuilder('u')
      .where('u.full_name_search LIKE :q OR u.username LIKE :q', { q: containsPattern(query) })
      .orderBy('u.full_name_search', 'ASC')
      .limit(SEARCH_LIMIT)
      .getMany();
    return rows.map(toUserView);
  }
}
