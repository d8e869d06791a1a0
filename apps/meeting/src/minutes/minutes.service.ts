import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ChangeEvent } from '@hoinghi/change-log';
import {
  type AuditAction,
  DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, type DocumentJobReceipt, type MinutesDocumentFormat,
} from '@hoinghi/contracts';
import type {
  ConferenceSnapshot, MinutesAction, MinutesDiffView, MinutesFacts, MinutesItemView, MinutesSpeaker, MinutesVersionSummary,
  MinutesVersionView, PublishedMinutesContent, ViewerScope,
} from '@hoinghi/contracts';
import {
  AgendaItemEntity, ConferenceEntity, FloorRequestEntity, MinutesItemEntity, MinutesVersionEntity, OrgUnitEntity,
} from '@hoinghi/database';
import {
  assertMinutesEditable, canonicalJson, conflict, diffMinutesItems, forbidden, inShapeOf, minutesDocumentNumber, minutesNumberedSince,
  minutesTransition, notFound, stale, unitCodeOf,
} from '@hoinghi/domain';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ChangeContext, ChangeOutcome, ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';
import { ConferenceSyncService } from '../change-log/conference-sync.service';
import { isoOrNull } from '../common/dates';
import { DocumentsService } from '../documents/documents.service';
import { MinutesFactsReader } from './minutes-facts';
import type { AddMinutesSpeakerRequestDto, EditMinutesItemRequestDto } from './dto/minutes.dto';

/**
 * The minutes (biên bản): the secretariat keeps one draft version per conference, item by item, while
 * the conference runs; the chair approves (or returns it with a reason) and publishes. Publishing
 * freezes the version's canonical content and its SHA-256; the database refuses any later change to
 * it, and a correction is the next version, referencing the one it corrects.
 */
@Injectable()
export class MinutesService implements ConferenceSection {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ConferenceChanges,
    private readonly sync: ConferenceSyncService,
    private readonly facts: MinutesFactsReader,
    private readonly documents: DocumentsService,
    views: ConferenceViews,
  ) {
    views.register(this);
  }

  /** Leaders see every version; the others the published ones. */
  async readSection(em: EntityManager, conference: ConferenceEntity, scope: ViewerScope): Promise<Pick<ConferenceSnapshot, 'minutes'>> {
    const versions = await em.find(MinutesVersionEntity, { where: { conferenceId: conference.id }, order: { version: 'DESC' } });
    return { minutes: versions.filter((v) => scope.leader || v.status === 'published').map(summaryOf) };
  }

  /** The version being kept (or, once published, the latest), as the secretariat and the chair read it. */
  async current(user: AuthUser, conferenceId: string): Promise<MinutesVersionView> {
    await this.leaderOnly(user, conferenceId);
    const em = this.dataSource.manager;
    const latest = await em.findOne(MinutesVersionEntity, { where: { conferenceId }, order: { version: 'DESC' } });
    return latest ? this.view(em, latest) : this.view(em, this.unsavedFirstVersion(conferenceId));
  }

  async versions(user: AuthUser, conferenceId: string): Promise<MinutesVersionSummary[]> {
    const scope = await this.sync.scopeOf(user, conferenceId);
    return (await this.readSection(this.dataSource.manager, { id: conferenceId } as ConferenceEntity, scope)).minutes;
  }

  /** One version; a site reads only published ones. */
  async version(user: AuthUser, conferenceId: string, version: number): Promise<MinutesVersionView> {
    const scope = await this.sync.scopeOf(user, conferenceId);
    const em = this.dataSource.manager;
    const found = await em.findOne(MinutesVersionEntity, { where: { conferenceId, version } });
    if (!found || (!scope.leader && found.status !== 'published')) throw versionNotFound(version);
    return this.view(em, found);
  }

  async diff(user: AuthUser, conferenceId: string, from: number, to: number): Promise<MinutesDiffView> {
    const [before, after] = [await this.version(user, conferenceId, from), await this.version(user, conferenceId, to)];
    return { from, to, items: diffMinutesItems(before.items, after.items), factsChanged: canonicalJson(before.facts) !== canonicalJson(after.facts) };
  }

  /** Everyone who had the floor, in order: what the secretary picks speakers from. */
  async floorLog(user: AuthUser, conferenceId: string): Promise<MinutesSpeaker[]> {
    await this.leaderOnly(user, conferenceId);
    return this.speakers(this.dataSource.manager, conferenceId);
  }

  /** An item's text; a stale revision gets 409 with the item as it is now (two secretaries on one item). */
  editItem(user: AuthUser, conferenceId: string, agendaItemId: string, dto: EditMinutesItemRequestDto): Promise<MinutesItemView> {
    return this.changes.run({ user, conferenceId, permission: 'minutes.write' }, async (ctx) => {
      const { version, row, agendaItem } = await this.openItem(ctx, agendaItemId);
      if (dto.revision !== row.revision) {
        throw stale('MINUTES_ITEM_STALE', `This item was edited meanwhile (revision ${row.revision}, yours ${dto.revision}); the answer carries its current text.`,
          await this.itemView(ctx.em, agendaItem, row));
      }
      if (dto.summary !== undefined) row.summary = dto.summary.trim();
      if (dto.conclusion !== undefined) row.conclusion = dto.conclusion.trim();
      if (dto.speakers !== undefined) {
        row.speakers = dto.speakers.map((s) => {
          const known = row.speakers.find((old) => old.floorRequestId !== null && old.floorRequestId === (s.floorRequestId ?? null));
          return { floorRequestId: known?.floorRequestId ?? null, fullName: s.fullName.trim(), siteName: s.siteName.trim(),
            startedAt: known?.startedAt ?? null, endedAt: known?.endedAt ?? null, summary: s.summary?.trim() ?? '' };
        });
      }
      if (dto.tasks !== undefined) row.tasks = dto.tasks.map((t) => ({ unit: t.unit.trim(), task: t.task.trim(), due: t.due || null }));
      return this.saveItem(ctx, version, agendaItem, row, 'minutes.item-edited');
    });
  }

  /** One click from the floor log: the speaker's full name, site and times go into the item. */
  addSpeaker(user: AuthUser, conferenceId: string, agendaItemId: string, dto: AddMinutesSpeakerRequestDto): Promise<MinutesItemView> {
    return this.changes.run({ user, conferenceId, permission: 'minutes.write' }, async (ctx) => {
      const { version, row, agendaItem } = await this.openItem(ctx, agendaItemId);
      const speaker = await this.speakerFromFloorLog(ctx.em, conferenceId, dto.floorRequestId);
      row.speakers = [...row.speakers, speaker];
      return this.saveItem(ctx, version, agendaItem, row, 'minutes.speaker-added');
    });
  }

  /** submit (secretariat), return with a reason, approve, publish (chairs). */
  act(user: AuthUser, conferenceId: string, action: MinutesAction, reason?: string): Promise<MinutesVersionView> {
    const permission = action === 'submit' ? 'minutes.write' : 'minutes.approve';
    return this.changes.run({ user, conferenceId, permission }, async (ctx) => {
      const version = await this.openVersion(ctx.em, conferenceId, action);
      version.status = minutesTransition(version.status, action);
      if (action === 'submit') version.submittedAt = ctx.now;
      if (action === 'return') {
        version.returnReason = reason!.trim();
        version.approvedAt = null;
        version.approvedBy = null;
      }
      if (action === 'approve') {
        version.approvedAt = ctx.now;
        version.approvedBy = user.id;
      }
      if (action === 'publish') await this.freeze(ctx, version);
      await ctx.em.save(version);
      const summary = summaryOf(version);
      return {
        result: await this.view(ctx.em, version),
        // Publication goes to every site; the steps before it only to the chairs and secretariat.
        events: [{ audience: { kind: action === 'publish' ? 'conference' : 'leaders' }, type: 'minutes.changed', data: { minutes: summary } }],
        audit: { action: `minutes.${action}`, details: { version: version.version, ...(reason ? { reason } : {}), ...(version.sha256 ? { sha256: version.sha256 } : {}) } },
      };
    });
  }

  /**
   * The .docx or .pdf of a published version, rendered by the worker from the stored content (the
   * documents queue): 202 with the job to poll. The leaders and every site's staff may ask; a version
   * a site may not read is 404, an unpublished one 409.
   */
  requestDocument(user: AuthUser, conferenceId: string, version: number, format: MinutesDocumentFormat): Promise<DocumentJobReceipt> {
    return this.changes.run({ user, conferenceId, permission: 'minutes.download' }, async (ctx) => {
      const found = await ctx.em.findOne(MinutesVersionEntity, { where: { conferenceId, version } });
      if (!found || (!ctx.scope.leader && found.status !== 'published')) throw versionNotFound(version);
      if (found.status !== 'published') {
        throw conflict('MINUTES_WRONG_STATE', `Documents are made of published minutes only; version ${version} is ${found.status === 'draft' ? 'a draft' : found.status}.`);
      }
      const number = (found.documentNumber ?? 'BB').replace(/[^A-Za-z0-9]+/g, '-');
      return this.documents.queue(ctx, user, {
        kind: format === 'pdf' ? 'minutes-pdf' : 'minutes-docx', subjectId: found.id,
        fileName: `Bien-ban-${number}-v${version}.${format}`, contentType: format === 'pdf' ? PDF_CONTENT_TYPE : DOCX_CONTENT_TYPE,
      });
    });
  }

  /** A correction of the latest published version: the next version, a draft with its text, saying why. */
  correct(user: AuthUser, conferenceId: string, reason: string): Promise<MinutesVersionView> {
    return this.changes.run({ user, conferenceId, permission: 'minutes.write' }, async (ctx) => {
      const latest = await ctx.em.findOne(MinutesVersionEntity, { where: { conferenceId }, order: { version: 'DESC' } });
      if (!latest || latest.status !== 'published') {
        throw conflict('MINUTES_WRONG_STATE', 'Only published minutes are corrected; these are still being kept, edit them instead.');
      }
      const next = await ctx.em.save(ctx.em.create(MinutesVersionEntity, {
        conferenceId, version: latest.version + 1, status: 'draft', corrects: latest.version, correctionReason: reason.trim(),
      }));
      const items = await ctx.em.find(MinutesItemEntity, { where: { versionId: latest.id } });
      if (items.length) {
        await ctx.em.insert(MinutesItemEntity, items.map(({ agendaItemId, summary, speakers, conclusion, tasks }) => ({
          versionId: next.id, agendaItemId, summary, speakers, conclusion, tasks, revision: 0, updatedAt: ctx.now, updatedBy: user.id,
        })));
      }
      return {
        result: await this.view(ctx.em, next),
        events: [{ audience: { kind: 'leaders' }, type: 'minutes.changed', data: { minutes: summaryOf(next) } }],
        audit: { action: 'minutes.correction', details: { version: next.version, corrects: latest.version, reason } },
      };
    });
  }

  // --- reading

  private async view(em: EntityManager, version: MinutesVersionEntity): Promise<MinutesVersionView> {
    const base = {
      conferenceId: version.conferenceId, version: version.version, status: version.status, documentNumber: version.documentNumber,
      corrects: version.corrects, correctionReason: version.correctionReason, returnReason: version.returnReason,
      submittedAt: isoOrNull(version.submittedAt), approvedAt: isoOrNull(version.approvedAt), publishedAt: isoOrNull(version.publishedAt),
      sha256: version.sha256,
    };
    if (version.status === 'published' && version.content) {
      // What was published, as it was; the sources may have changed since, which the view says.
      const content = version.content as PublishedMinutesContent;
      const now = await this.facts.read(em, version.conferenceId);
      return {
        ...base, approvedByName: content.approvedByName, facts: content.facts,
        items: content.items.map((item) => ({ ...item, revision: 0, updatedAt: null, updatedByName: null })),
        sourcesChanged: canonicalJson(inShapeOf(now, content.facts)) !== canonicalJson(content.facts),
      };
    }
    const [{ name: approvedByName } = { name: null }] = version.approvedBy
      ? await em.query('SELECT full_name AS name FROM users WHERE id = $1', [version.approvedBy]) as { name: string }[] : [];
    return { ...base, approvedByName, facts: await this.facts.read(em, version.conferenceId), items: await this.items(em, version), sourcesChanged: false };
  }

  /** Every agenda item in order, with its text in this version (empty until written). */
  private async items(em: EntityManager, version: MinutesVersionEntity): Promise<MinutesItemView[]> {
    const agenda = await em.find(AgendaItemEntity, { where: { conferenceId: version.conferenceId }, order: { position: 'ASC' } });
    const rows = version.id ? await em.find(MinutesItemEntity, { where: { versionId: version.id } }) : [];
    const names = await this.editorNames(em, rows);
    return agenda.map((item) => itemViewOf(item, rows.find((r) => r.agendaItemId === item.id) ?? emptyItem(version.id, item.id), names));
  }

  private async itemView(em: EntityManager, agendaItem: AgendaItemEntity, row: MinutesItemEntity): Promise<MinutesItemView> {
    return itemViewOf(agendaItem, row, await this.editorNames(em, [row]));
  }

  private async editorNames(em: EntityManager, rows: MinutesItemEntity[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((r) => r.updatedBy).filter((id): id is string => id !== null))];
    if (!ids.length) return new Map();
    const users = await em.query('SELECT id, full_name AS name FROM users WHERE id = ANY($1::uuid[])', [ids]) as { id: string; name: string }[];
    return new Map(users.map((u) => [u.id, u.name]));
  }

  // --- writing

  /** The version being kept, created at the first edit; 409 when there is none to edit (all published). */
  private async openItem(ctx: ChangeContext, agendaItemId: string) {
    const agendaItem = await ctx.em.findOne(AgendaItemEntity, { where: { id: agendaItemId, conferenceId: ctx.conference.id } });
    if (!agendaItem) throw notFound('AGENDA_ITEM_NOT_FOUND', `Agenda item ${agendaItemId} is not part of this conference.`);
    let version = await ctx.em.findOne(MinutesVersionEntity, { where: { conferenceId: ctx.conference.id }, order: { version: 'DESC' } });
    if (!version) version = await ctx.em.save(this.unsavedFirstVersion(ctx.conference.id));
    assertMinutesEditable(version.status);
    const row = await ctx.em.findOne(MinutesItemEntity, { where: { versionId: version.id, agendaItemId } }) ?? emptyItem(version.id, agendaItemId);
    return { version, row, agendaItem };
  }

  private async saveItem(
    ctx: ChangeContext, version: MinutesVersionEntity, agendaItem: AgendaItemEntity, row: MinutesItemEntity, action: AuditAction,
  ): Promise<ChangeOutcome<MinutesItemView>> {
    row.revision += 1;
    row.updatedAt = ctx.now;
    row.updatedBy = ctx.scope.userId;
    await ctx.em.save(MinutesItemEntity, row);
    const item = await this.itemView(ctx.em, agendaItem, row);
    const events: ChangeEvent[] = [{ audience: { kind: 'leaders' }, type: 'minutes.item', data: { version: version.version, item } }];
    return { result: item, events, audit: { action, details: { version: version.version, agendaItemId: agendaItem.id, revision: row.revision } } };
  }

  private async openVersion(em: EntityManager, conferenceId: string, action: MinutesAction): Promise<MinutesVersionEntity> {
    const latest = await em.findOne(MinutesVersionEntity, { where: { conferenceId }, order: { version: 'DESC' } });
    if (!latest) throw conflict('MINUTES_WRONG_STATE', `The minutes cannot be ${action === 'submit' ? 'submitted' : 'acted on'}: nothing has been written yet.`);
    return latest;
  }

  /** Publication: the facts as they are now and the items, canonical, hashed and numbered. */
  private async freeze(ctx: ChangeContext, version: MinutesVersionEntity): Promise<void> {
    version.documentNumber = version.corrects === null ? await this.nextDocumentNumber(ctx) : await this.numberOf(ctx.em, ctx.conference.id, version.corrects);
    version.publishedAt = ctx.now;
    const view = await this.view(ctx.em, version);
    const content: PublishedMinutesContent = {
      conferenceId: version.conferenceId, version: version.version, documentNumber: version.documentNumber, corrects: version.corrects,
      correctionReason: version.correctionReason, approvedByName: view.approvedByName, publishedAt: ctx.now.toISOString(), facts: view.facts,
      items: view.items.map(({ revision: _r, updatedAt: _u, updatedByName: _n, ...item }) => item),
    };
    version.content = content;
    version.sha256 = createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
    version.factsVersion = ctx.conference.version;
  }

  /**
   * Minutes are numbered from 01 within the issuing body (the conference's host unit) and its current
   * term, or calendar year when no term is recorded (minutesNumberedSince); the body's lock (an advisory
   * lock on its id) keeps two conferences from taking one number.
   */
  private async nextDocumentNumber(ctx: ChangeContext): Promise<string> {
    const { em, conference, now } = ctx;
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('minutes-number:' || $1))`, [conference.hostUnitId]);
    const unit = await em.findOneOrFail(OrgUnitEntity, { where: { id: conference.hostUnitId }, select: ['name', 'termStartedAt'] });
    const [{ used }] = await em.query(
      `SELECT count(*)::int AS used FROM minutes_versions v JOIN conferences c ON c.id = v.conference_id
        WHERE c.host_unit_id = $1 AND v.status = 'published' AND v.corrects IS NULL AND v.published_at >= $2`,
      [conference.hostUnitId, minutesNumberedSince(unit.termStartedAt, now)],
    ) as { used: number }[];
    return minutesDocumentNumber(used + 1, unitCodeOf(unit.name));
  }

  private async numberOf(em: EntityManager, conferenceId: string, version: number): Promise<string | null> {
    return (await em.findOne(MinutesVersionEntity, { where: { conferenceId, version } }))?.documentNumber ?? null;
  }

  private async speakerFromFloorLog(em: EntityManager, conferenceId: string, floorRequestId: string): Promise<MinutesSpeaker> {
    const request = await em.findOne(FloorRequestEntity, { where: { id: floorRequestId, conferenceId } });
    if (!request) throw notFound('FLOOR_REQUEST_NOT_FOUND', `Floor request ${floorRequestId} is not part of this conference.`);
    if (!request.grantedAt) throw conflict('FLOOR_REQUEST_NOT_QUEUED', 'This request never had the floor, so nobody spoke under it.');
    return (await this.speakers(em, conferenceId, floorRequestId))[0];
  }

  /** Floor requests that had the floor, as speakers: the delegate's full name, or their site speaking as one. */
  private async speakers(em: EntityManager, conferenceId: string, floorRequestId?: string): Promise<MinutesSpeaker[]> {
    const rows = await em.query(
      `SELECT r.id, s.name AS "siteName", u.full_name AS "fullName", r.granted_at AS "grantedAt", r.ended_at AS "endedAt"
         FROM floor_requests r JOIN sites s ON s.id = r.site_id
         LEFT JOIN participants p ON p.id = r.participant_id LEFT JOIN users u ON u.id = p.user_id
        WHERE r.conference_id = $1 AND r.granted_at IS NOT NULL AND ($2::uuid IS NULL OR r.id = $2)
        ORDER BY r.granted_at`,
      [conferenceId, floorRequestId ?? null],
    ) as Array<{ id: string; siteName: string; fullName: string | null; grantedAt: Date; endedAt: Date | null }>;
    return rows.map((r) => ({
      floorRequestId: r.id, fullName: r.fullName ?? `Đại diện ${r.siteName}`, siteName: r.siteName,
      startedAt: r.grantedAt.toISOString(), endedAt: isoOrNull(r.endedAt), summary: '',
    }));
  }

  private unsavedFirstVersion(conferenceId: string): MinutesVersionEntity {
    return this.dataSource.manager.create(MinutesVersionEntity, {
      conferenceId, version: 1, status: 'draft', documentNumber: null, corrects: null, correctionReason: null, returnReason: null,
      submittedAt: null, approvedAt: null, approvedBy: null, publishedAt: null, content: null, sha256: null, factsVersion: null,
    });
  }

  private async leaderOnly(user: AuthUser, conferenceId: string): Promise<void> {
    const scope = await this.sync.scopeOf(user, conferenceId);
    if (!scope.leader) throw forbidden('ROLE_FORBIDDEN', 'Minutes being kept are read by the chairs and the secretariat; sites read them once published.');
  }
}

const versionNotFound = (version: number) => notFound('MINUTES_VERSION_NOT_FOUND', `The minutes have no version ${version} that you may read.`);

function summaryOf(v: MinutesVersionEntity): MinutesVersionSummary {
  return {
    version: v.version, status: v.status, documentNumber: v.documentNumber, corrects: v.corrects, correctionReason: v.correctionReason,
    publishedAt: isoOrNull(v.publishedAt), sha256: v.sha256,
  };
}

function emptyItem(versionId: string, agendaItemId: string): MinutesItemEntity {
  return Object.assign(new MinutesItemEntity(), {
    versionId, agendaItemId, summary: '', speakers: [], conclusion: '', tasks: [], revision: 0, updatedAt: null, updatedBy: null,
  });
}

function itemViewOf(agendaItem: AgendaItemEntity, row: MinutesItemEntity, names: Map<string, string>): MinutesItemView {
  return {
    agendaItemId: agendaItem.id, position: agendaItem.position, title: agendaItem.title, summary: row.summary, speakers: row.speakers,
    conclusion: row.conclusion, tasks: row.tasks, revision: row.revision, updatedAt: isoOrNull(row.updatedAt),
    updatedByName: row.updatedBy ? names.get(row.updatedBy) ?? null : null,
  };
}
