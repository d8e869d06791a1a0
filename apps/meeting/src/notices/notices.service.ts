import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConferenceEntity, NoticeEntity, SiteEntity } from '@hoinghi/database';
import { notFound, type ConferenceAction } from '@hoinghi/domain';
import { NOTICE_EVENT_MAX_USERS, NOTICE_PAGE, RedisChannel, type NoticeEvent, type NoticeKind, type NoticeList, type NoticeView } from '@hoinghi/contracts';
import type { OutboxItem } from '@hoinghi/change-log';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { LocalSockets } from '../change-log/local-sockets';

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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sockets: LocalSockets,
  ) {}

  /**
   * Records a notice of this conference as it is now (its planned time, the main hall's place), in the
   * caller's transaction; the caller puts the returned message in the change's outbox, so the people
   * convened who are connected hear of it once it is committed (NoticeSubscriber).
   */
  async announce(em: EntityManager, conference: ConferenceEntity, kind: NoticeKind, at: Date, reason: string | null = null): Promise<OutboxItem> {
    const main = await em.findOne(SiteEntity, { where: { conferenceId: conference.id, isMain: true }, select: ['place'] });
    const { identifiers: [{ id }] } = await em.insert(NoticeEntity, {
      conferenceId: conference.id, kind, at, plannedStart: conference.plannedStart, plannedEnd: conference.plannedEnd, place: main?.place ?? '', reason,
    });
    const event: NoticeEvent = { v: 1, kind: 'announced', conferenceId: conference.id, noticeId: id as string, at: at.toISOString() };
    return { kind: 'redis', channel: RedisChannel.Notice, payload: event };
  }

  /**
   * People just convened to a conference that was announced before (a delegate added after the invitation
   * went out) hear of its newest notice live, as the others did when it was announced: outbox messages for
   * them only, in the caller's transaction. `userIds`: those convened by this change and by no role before.
   */
  async tellNewlyConvened(em: EntityManager, conferenceId: string, userIds: string[]): Promise<OutboxItem[]> {
    if (!userIds.length) return [];
    const [latest] = await em.query(
      'SELECT id, at FROM notices WHERE conference_id = $1 ORDER BY at DESC, id DESC LIMIT 1', [conferenceId],
    ) as Array<{ id: string; at: Date }>;
    if (!latest) return []; // not announced yet: they hear of it with everyone
    const messages: OutboxItem[] = [];
    for (let i = 0; i < userIds.length; i += NOTICE_EVENT_MAX_USERS) {
      const event: NoticeEvent = {
        v: 1, kind: 'announced', conferenceId, noticeId: latest.id, at: new Date(latest.at).toISOString(), userIds: userIds.slice(i, i + NOTICE_EVENT_MAX_USERS),
      };
      messages.push({ kind: 'redis', channel: RedisChannel.Notice, payload: event });
    }
    return messages;
  }

  /** Of these users, those with no role at all in the conference yet (whom adding would newly convene). */
  async notConvened(em: EntityManager, conferenceId: string, userIds: string[]): Promise<string[]> {
    const convened = new Set((await em.query(
      'SELECT DISTINCT user_id AS "userId" FROM participants WHERE conference_id = $1 AND user_id = ANY($2::uuid[])', [conferenceId, userIds],
    ) as Array<{ userId: string }>).map((r) => r.userId));
    return [...new Set(userIds)].filter((id) => !convened.has(id));
  }

  /** One notice as its newly told readers see it (unread), or null once it is gone (its conference deleted). */
  async one(noticeId: string): Promise<NoticeView | null> {
    const [row] = await this.dataSource.manager.query(
      `SELECT n.id, n.conference_id AS "conferenceId", c.title AS "conferenceTitle", n.kind, n.at, n.planned_start AS "plannedStart",
              n.planned_end AS "plannedEnd", n.place, n.reason, false AS read
         FROM notices n JOIN conferences c ON c.id = n.conference_id WHERE n.id = $1`,
      [noticeId],
    ) as NoticeRow[];
    return row ? viewOf(row) : null;
  }

  /** Of these users, those convened to the conference (any role). */
  async convened(conferenceId: string, userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await this.dataSource.manager.query(
      'SELECT DISTINCT user_id AS "userId" FROM participants WHERE conference_id = $1 AND user_id = ANY($2::uuid[])', [conferenceId, userIds],
    ) as Array<{ userId: string }>;
    return rows.map((r) => r.userId);
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
    return this.told(user, [noticeId]);
  }

  async markAllRead(user: AuthUser): Promise<NoticeList> {
    await this.dataSource.manager.query(
      `INSERT INTO notice_reads (notice_id, user_id, read_at) SELECT n.id, $1, now() ${VISIBLE} AND r.notice_id IS NULL ON CONFLICT DO NOTHING`,
      [user.id],
    );
    return this.told(user, null);
  }

  /** The caller's list after reading, also told to their other connections (another tab, their phone). */
  private async told(user: AuthUser, ids: string[] | null): Promise<NoticeList> {
    const list = await this.list(user);
    this.sockets.tellNoticesRead(user.id, { ids, unread: list.unread });
    return list;
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
