import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConferenceEntity, DeskMessageEntity, DeskReadEntity, SiteEntity } from '@hoinghi/database';
import { assertEditable, canSee, forbidden, invalid, notFound } from '@hoinghi/domain';
import { DESK_LIMITS, type Audience, type DeskMessageView, type DeskThreadView, type ViewerScope } from '@hoinghi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';
import { ConferenceSyncService } from '../change-log/conference-sync.service';

const deskOf = (siteId: string): Audience => ({ kind: 'desk', siteId });

interface ThreadRow { siteId: string; siteName: string; unread: string; lastId: string | null }

/**
 * The private channel between the main hall's technical desk and each site's staff: one thread per
 * site, readable by exactly the `desk` audience of that site (the rule in @hoinghi/domain), by every path.
 */
@Injectable()
export class DeskService implements ConferenceSection {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ConferenceChanges,
    private readonly sync: ConferenceSyncService,
    views: ConferenceViews,
  ) {
    views.register(this);
  }

  /** The desk: every district's thread; a district's staff: their own; others: none. */
  async readSection(em: EntityManager, conference: ConferenceEntity, scope: ViewerScope): Promise<{ desk: DeskThreadView[] }> {
    return { desk: await this.threads(em, conference.id, scope) };
  }

  async list(user: AuthUser, conferenceId: string): Promise<DeskThreadView[]> {
    const scope = await this.sync.scopeOf(user, conferenceId);
    return this.threads(this.dataSource.manager, conferenceId, scope);
  }

  /** The newest messages of one site's thread, oldest first. */
  async messages(user: AuthUser, conferenceId: string, siteId: string): Promise<DeskMessageView[]> {
    const scope = await this.sync.scopeOf(user, conferenceId);
    const em = this.dataSource.manager;
    await this.assertThread(em, conferenceId, siteId, scope);
    const rows = await this.query(em).where('m.conference_id = :conferenceId AND m.site_id = :siteId', { conferenceId, siteId })
      .orderBy('m.sent_at', 'DESC').addOrderBy('m.id', 'DESC').limit(DESK_LIMITS.pageMessages).getRawAndEntities<{ m_id: string; authorName: string }>();
    return viewsOf(rows).reverse();
  }

  send(user: AuthUser, conferenceId: string, siteId: string, text: string): Promise<DeskMessageView> {
    return this.changes.run({ user, conferenceId, permission: 'conference.view' }, async (ctx) => {
      const site = await this.assertThread(ctx.em, conferenceId, siteId, ctx.scope);
      assertEditable(ctx.conference.status, 'send a message to the technical desk');
      const saved = await ctx.em.save(DeskMessageEntity, {
        conferenceId, siteId, authorId: user.id, fromDesk: !ctx.scope.staffSiteIds.includes(siteId), text: text.trim(), sentAt: ctx.now,
      });
      await markRead(ctx.em, siteId, user.id, ctx.now); // one's own message is read
      const [message] = viewsOf(await this.query(ctx.em).where('m.id = :id', { id: saved.id }).getRawAndEntities());
      return {
        result: message,
        events: [{ audience: deskOf(siteId), type: 'desk.message', data: { message, siteName: site.name } }],
        // The audit trail says who wrote to which thread, not what: the secretariat reads the trail, not the desk.
        audit: { action: 'desk.message', details: { siteId, messageId: saved.id } },
      };
    });
  }

  /** The caller has read the thread up to now: its unread count is 0 again. */
  async markRead(user: AuthUser, conferenceId: string, siteId: string): Promise<DeskThreadView> {
    const scope = await this.sync.scopeOf(user, conferenceId);
    return this.dataSource.transaction(async (em) => {
      await this.assertThread(em, conferenceId, siteId, scope);
      await markRead(em, siteId, user.id, new Date());
      return (await this.threads(em, conferenceId, scope, siteId))[0];
    });
  }

  /** 404 for a site of another conference; 400 for the main hall (the desk itself); 403 for someone outside the thread's audience. */
  private async assertThread(em: EntityManager, conferenceId: string, siteId: string, scope: ViewerScope): Promise<SiteEntity> {
    const site = await em.findOne(SiteEntity, { where: { id: siteId, conferenceId }, select: ['id', 'name', 'isMain'] });
    if (!site) throw notFound('SITE_NOT_FOUND', `Site ${siteId} does not exist in this conference.`);
    if (site.isMain) throw invalid('DESK_MAIN_SITE', 'is the main hall, whose staff is the desk itself: it has no thread', 'siteId');
    if (!canSee(scope, deskOf(siteId))) {
      throw forbidden('ROLE_FORBIDDEN', 'Only the staff of this site and the main hall\'s technical desk can read or write its thread.');
    }
    return site;
  }

  private async threads(em: EntityManager, conferenceId: string, scope: ViewerScope, onlySiteId?: string): Promise<DeskThreadView[]> {
    if (!scope.desk && !scope.staffSiteIds.length) return [];
    // A site's staff has its own thread; the desk every district's (it may write first to any), like the chairs' counts.
    const params: unknown[] = [conferenceId, scope.userId, scope.staffSiteIds, scope.desk, onlySiteId ?? null];
    const rows = await em.query(
      `SELECT s.id AS "siteId", s.name AS "siteName", COALESCE(unread.count, 0) AS unread, last.id AS "lastId"
         FROM sites s
         LEFT JOIN desk_reads r ON r.site_id = s.id AND r.user_id = $2
         LEFT JOIN LATERAL (SELECT m.id FROM desk_messages m WHERE m.conference_id = s.conference_id AND m.site_id = s.id
                             ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) last ON true
         LEFT JOIN LATERAL (SELECT count(*) AS count FROM desk_messages m
                             WHERE m.conference_id = s.conference_id AND m.site_id = s.id AND m.author_id <> $2
                               AND m.sent_at > COALESCE(r.read_at, '-infinity')) unread ON last.id IS NOT NULL
        WHERE s.conference_id = $1 AND NOT s.is_main AND ($5::uuid IS NULL OR s.id = $5) AND (s.id = ANY($3::uuid[]) OR $4)
        ORDER BY s.name`,
      params,
    ) as ThreadRow[];
    const lastIds = rows.map((r) => r.lastId).filter((id): id is string => id !== null);
    const last = lastIds.length ? viewsOf(await this.query(em).where('m.id IN (:...lastIds)', { lastIds }).getRawAndEntities()) : [];
    return rows.map((r) => ({ siteId: r.siteId, siteName: r.siteName, unread: Number(r.unread), lastMessage: last.find((m) => m.id === r.lastId) ?? null }));
  }

  private query(em: EntityManager) {
    return em.createQueryBuilder(DeskMessageEntity, 'm').innerJoin('users', 'u', 'u.id = m.author_id').addSelect('u.full_name AS "authorName"');
  }
}

function viewsOf({ entities, raw }: { entities: DeskMessageEntity[]; raw: Array<{ m_id: string; authorName: string }> }): DeskMessageView[] {
  const names = new Map(raw.map((r) => [r.m_id, r.authorName]));
  return entities.map((m) => ({
    id: m.id, siteId: m.siteId, authorUserId: m.authorId, authorName: names.get(m.id) ?? '', fromDesk: m.fromDesk, text: m.text, sentAt: m.sentAt.toISOString(),
  }));
}

async function markRead(em: EntityManager, siteId: string, userId: string, at: Date): Promise<void> {
  await em.query(
    `INSERT INTO desk_reads (site_id, user_id, read_at) VALUES ($1, $2, $3)
     ON CONFLICT (site_id, user_id) DO UPDATE SET read_at = GREATEST(desk_reads.read_at, EXCLUDED.read_at)`,
    [siteId, userId, at],
  );
}
