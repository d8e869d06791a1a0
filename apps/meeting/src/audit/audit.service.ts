import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEntryEntity } from '@hoinghi/database';
import { invalidFields } from '@hoinghi/domain';
import { AUDIT_PAGE_MAX, type AuditEntryView, type AuditQuery } from '@hoinghi/contracts';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService } from '../access/access.service';

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  /** The newest entries first, filtered by action (or its group), person and time. */
  async list(user: AuthUser, conferenceId: string, query: AuditQuery = {}): Promise<AuditEntryView[]> {
    const em = this.dataSource.manager;
    await this.access.authorize(em, user.id, conferenceId, 'audit.view');
    if (query.from && query.to && Date.parse(query.to) <= Date.parse(query.from)) {
      throw invalidFields('VALIDATION_FAILED', { to: ['must be after from'] }, { to: [{ rule: 'other' }] });
    }
    const q = em.createQueryBuilder(AuditEntryEntity, 'e').leftJoinAndSelect('e.actor', 'actor').where('e.conference_id = :conferenceId', { conferenceId });
    if (query.action) {
      if (query.action.includes('.')) q.andWhere('e.action = :action', { action: query.action });
      else q.andWhere("e.action LIKE :group ESCAPE '\\'", { group: `${query.action.replace(/[\\%_]/g, '\\$&')}.%` });
    }
    if (query.actorUserId) q.andWhere('e.actor_user_id = :actor', { actor: query.actorUserId });
    if (query.from) q.andWhere('e.at >= :from', { from: new Date(query.from) });
    if (query.to) q.andWhere('e.at < :to', { to: new Date(query.to) });
    const rows = await q.orderBy('e.id', 'DESC').take(query.limit ?? AUDIT_PAGE_MAX).getMany();
    return rows.map((e) => ({
      id: e.id, at: e.at.toISOString(), actorUserId: e.actorUserId, actorName: e.actor?.fullName ?? null, action: e.action, details: e.details,
    }));
  }
}
