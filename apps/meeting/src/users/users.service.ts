import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { UserEntity } from '@hoinghi/database';
import { containsPattern, forbidden } from '@hoinghi/domain';
import type { UserPage } from '@hoinghi/contracts';
import { Repository } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { toUserView } from '../auth/auth.service';
import { UserSearchQueryDto } from './dto/user.dto';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** People search for convening staff assigning roles, a page at a time; "nguyen van an" finds "Nguyễn Văn An". */
  async search(user: AuthUser, query: UserSearchQueryDto): Promise<UserPage> {
    if (!user.canConvene && !user.isAdmin) throw forbidden('ROLE_FORBIDDEN', 'Only organising staff can search people.');
    const { limit, offset } = query;
    const [rows, total] = await this.users
      .createQueryBuilder('u')
      .where('u.full_name_search LIKE :q OR u.username LIKE :q', { q: containsPattern(query.q ?? '') })
      .orderBy('u.full_name_search', 'ASC')
      .addOrderBy('u.id', 'ASC') // a stable order, so pages neither repeat nor skip people with the same name
      .skip(offset)
      .take(limit)
      .getManyAndCount();
    return { items: rows.map(toUserView), total, limit, offset };
  }
}
