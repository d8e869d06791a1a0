import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConferenceEntity, NoticeEntity, SiteEntity } from '@hoinghi/database';
import { notFound, type ConferenceAction } from '@hoinghi/domain';
import { NOTICE_PAGE, type NoticeKind, type NoticeList, type NoticeView } from '@hoinghi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';

/** Which status change is announced as what. */
export const NOTICE_OF_ACTION: Readonly<Record<ConferenceAction, NoticeKind>> = {
  schedule: 'scheduled', start: 'started', adjourn: 'adjourned', resume: 'resumed', end: 'ended', cancel: 'cancelled',
};

interface NoticeRow {
  id: string; conferenceId: string; conferenceTitle: string; kind: NoticeKind; at: Date; plannedStart: Date; plannedEnd: Date;
  place: string; reason: string | null; read: boolean;
}

// The notices of the conferences the caller is convened to (any role), newest first.
const VISIBLE = `FROM notices n
  JOIN conferences c ON c.id = n.conference_id
  LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.user_id = $1
 WHERE EXISTS (SELECT 1 FROM participants p WHERE p.conference_id = n.conference_id AND p.user_id = $1)`;

/**
 * Notices (thông báo): a conference's scheduling, changes and status, announced to everyone convened to it.
 * Written inside the change that makes them (the same transaction); read per person across conferences.
 */
@Injectable()
export class NoticesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records a notice of this conference as it is now (its planned time, the main hall's place), in the caller's transaction. */
  async announce(em: EntityManager, conference: ConferenceEntity, kind: NoticeKind, at: Date, reason: string | null = null): Promise<void> {
    const main = await em.findOne(SiteEntity, { where: { conferenceId: conference.id, isMain: true }, select: ['place'] });
    await em.insert(NoticeEntity, {
      conferenceId: conference.id, kind, at, plannedStart: conference.plannedStart, plannedEnd: conference.plannedEnd, place: main?.place ?? '', reason,
    });
  }

  async list(user: AuthUser, unreadOnly = false): Promise<NoticeList> {
    const em = this.dataSource.manager;
    const rows = await em.query(
      `SELECT n.id, n.conference_id AS "conferenceId", c.title AS "conferenceTitle", n.kind, n.at, n.planned_start AS "plannedStart",
              n.planned_end AS "plannedEnd", n.place, n.reason, r.notice_id IS NOT NULL AS read
         ${VISIBLE} ${unreadOnly ? 'AND r.notice_id IS NULL' : ''}
        ORDER BY n.at DESC, n.id DESC LIMIT ${NOTICE_PAGE}`,
      [user.id],
    ) as NoticeRow[];
    return { items: rows.map(viewOf), unread: await this.unread(em, user.id) };
  }

  /** 404 for a notice of a conference the caller is not convened to (or none at all). */
  async markRead(user: AuthUser, noticeId: string): Promise<NoticeList> {
    const em = this.dataSource.manager;
    const [found] = await em.query(`SELECT n.id ${VISIBLE} AND n.id = $2`, [user.id, noticeId]) as Array<{ id: string }>;
    if (!found) throw notFound('NOTICE_NOT_FOUND', `Notice ${noticeId} does not exist, or is not for you.`);
    await em.query(`INSERT INTO notice_reads (notice_id, user_id, read_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING`, [noticeId, user.id]);
    return this.list(user);
  }

  async markAllRead(user: AuthUser): Promise<NoticeList> {
    await this.dataSource.manager.query(
      `INSERT INTO notice_reads (notice_id, user_id, read_at) SELECT n.id, $1, now() ${VISIBLE} AND r.notice_id IS NULL ON CONFLICT DO NOTHING`,
      [user.id],
    );
    return this.list(user);
  }

  private async unread(em: EntityManager, userId: string): Promise<number> {
    const [{ count }] = await em.query(`SELECT count(*)::int AS count ${VISIBLE} AND r.notice_id IS NULL`, [userId]) as Array<{ count: number }>;
    return count;
  }
}

function viewOf(r: NoticeRow): NoticeView {
  return {
    id: r.id, conferenceId: r.conferenceId, conferenceTitle: r.conferenceTitle, kind: r.kind, at: new Date(r.at).toISOString(),
    plannedStart: new Date(r.plannedStart).toISOString(), plannedEnd: new Date(r.plannedEnd).toISOString(), place: r.place, reason: r.reason, read: r.read,
  };
}
