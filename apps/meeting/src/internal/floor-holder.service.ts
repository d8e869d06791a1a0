import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConferenceEntity, FloorRequestEntity } from '@hoinghi/database';
import { FLOOR_QUEUE_HEAD, type FloorHolderResponse } from '@hoinghi/contracts';
import { DataSource } from 'typeorm';
import { conferenceNotFound } from '../access/access.service';

/** Who has the floor and who waits next, straight from floor_requests: the truth a media gateway falls back on. */
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
    // The head of the queue as the floor service announces it: distinct sites in queue order.
    const waiting = await em.query(
      `SELECT site_id AS "siteId" FROM floor_requests WHERE conference_id = $1 AND status = 'queued' ORDER BY position ASC`, [conferenceId],
    ) as Array<{ siteId: string }>;
    const next = [...new Set(waiting.map((r) => r.siteId))].slice(0, FLOOR_QUEUE_HEAD);
    return { v: 1, conferenceId, holder, next, at };
  }
}
