import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditEntryEntity, UserEntity } from '@hoinghi/database';
import { conflict, containsPattern, foldVietnamese, forbidden, notFound } from '@hoinghi/domain';
import type { UserPage, UserView, UserWithPassword } from '@hoinghi/contracts';
import { EntityManager, Repository } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AuthService, toUserView } from '../auth/auth.service';
import { oneTimePassword } from '../auth/one-time-password';
import { CreateUserRequestDto, UpdateUserRequestDto, UserSearchQueryDto } from './dto/user.dto';

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

  /** An account with a one-time password for the administrator to hand over (administrators). */
  async create(admin: AuthUser, dto: CreateUserRequestDto): Promise<UserWithPassword> {
    assertAdmin(admin);
    const password = oneTimePassword();
    const passwordHash = await AuthService.hashPassword(password);
    return this.users.manager.transaction(async (em) => {
      if (await em.exists(UserEntity, { where: { username: dto.username } })) throw conflict('USERNAME_TAKEN', `The username ${dto.username} is already taken.`);
      const saved = await em.save(UserEntity, em.create(UserEntity, {
        username: dto.username, fullName: dto.fullName.trim(), fullNameSearch: foldVietnamese(dto.fullName), passwordHash,
        isAdmin: dto.isAdmin ?? false, canConvene: dto.canConvene ?? false, disabledAt: null, tokensValidFrom: null,
      }));
      await audit(em, admin, 'user.create', { userId: saved.id, username: saved.username });
      return { user: toUserView(saved), password };
    });
  }

  /** A new one-time password; the sessions opened with the old one end. */
  async resetPassword(admin: AuthUser, userId: string): Promise<UserWithPassword> {
    assertAdmin(admin);
    const password = oneTimePassword();
    const passwordHash = await AuthService.hashPassword(password);
    return this.users.manager.transaction(async (em) => {
      const user = await this.find(em, userId);
      await em.update(UserEntity, { id: user.id }, { passwordHash, tokensValidFrom: new Date() });
      await audit(em, admin, 'user.reset-password', { userId: user.id, username: user.username });
      return { user: toUserView(user), password };
    });
  }

  /** Name, rights, disabled; an administrator cannot lock themselves out. */
  async update(admin: AuthUser, userId: string, dto: UpdateUserRequestDto): Promise<UserView> {
    assertAdmin(admin);
    return this.users.manager.transaction(async (em) => {
      const user = await this.find(em, userId);
      if (user.id === admin.id && (dto.disabled === true || dto.isAdmin === false)) {
        throw conflict('CANNOT_DISABLE_SELF', 'You cannot disable your own account or remove your own administrator right.');
      }
      const now = new Date();
      const changes: Partial<UserEntity> = {};
      if (dto.fullName !== undefined) Object.assign(changes, { fullName: dto.fullName.trim(), fullNameSearch: foldVietnamese(dto.fullName) });
      if (dto.isAdmin !== undefined) changes.isAdmin = dto.isAdmin;
      if (dto.canConvene !== undefined) changes.canConvene = dto.canConvene;
      if (dto.disabled === true && !user.disabledAt) Object.assign(changes, { disabledAt: now, tokensValidFrom: now });
      if (dto.disabled === false) changes.disabledAt = null;
      if (Object.keys(changes).length) await em.update(UserEntity, { id: user.id }, changes);
      await audit(em, admin, 'user.update', { userId: user.id, username: user.username, ...dto });
      return toUserView({ ...user, ...changes } as UserEntity);
    });
  }

  private async find(em: EntityManager, userId: string): Promise<UserEntity> {
    const user = await em.findOne(UserEntity, { where: { id: userId } });
    if (!user) throw notFound('USER_NOT_FOUND', `User ${userId} does not exist.`);
    return user;
  }
}

function assertAdmin(user: AuthUser): void {
  if (!user.isAdmin) throw forbidden('ROLE_FORBIDDEN', 'Only an administrator can manage user accounts.');
}

const audit = (em: EntityManager, admin: AuthUser, action: string, details: Record<string, unknown>) =>
  em.save(AuditEntryEntity, em.create(AuditEntryEntity, { conferenceId: null, actorUserId: admin.id, action, details }));
