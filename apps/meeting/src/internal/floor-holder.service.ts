import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConferenceEntity, FloorRequestEntity } from '@hoinghi/database';
import type { FloorHolderResponse } from '@hoinghi/contracts';
import { DataSource } from 'typeorm';
import { conferenceNotFound } from '../access/access.service';

/** Who has the floor, straight from floor_requests: the truth a media gateway falls back on. */
@Injectable()
export class FloorHolderService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(conferenceId: string): Promise<FloorHolderResponse> {
    const at = new Date().toISOString(); // before the query: the answer is at least this fresh
    const em = this.dataSource.manager;
    if (!(await em.exists(ConferenceEntity, { where: { id: conferenceId } }))) throw conferenceNotFound(conferenceId);
    const speaking = await em.findOne(FloorRequestEntity, { where: { conferenceId, status: 'speaking' } });
    const holder = speaking && {
      requestId: speaking.id, siteId: speaking.siteId, participantId: speaking.participantId,
      grantedAt: (speaking.grantedAt ?? speaking.requestedAt).toISOString(),
    };
    return { v: 1, conferenceId, holder, at };
  }
}
