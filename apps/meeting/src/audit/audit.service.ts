import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEntryEntity } from '@hoinghi/database';
import type { AuditEntryView } from '@hoinghi/contracts';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService } from '../access/access.service';

const AUDIT_PAGE = 500;

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  /** The newest entries first. */
  async list(user: AuthUser, conferenceId: string): Promise<AuditEntryView[]> {
    const em = this.dataSource.manager;
    await this.access.authorize(em, user.id, conferenceId, 'audit.view');
    const rows = await em.find(AuditEntryEntity, { where: { conferenceId }, relations: { actor: true }, order: { id: 'DESC' }, take: AUDIT_PAGE });
    return rows.map((e) => ({
      id: e.id, at: e.at.toISOString(), actorUserId: e.actorUserId, actorName: e.actor?.fullName ?? null, action: e.action, details: e.details,
    }));
  }
}
