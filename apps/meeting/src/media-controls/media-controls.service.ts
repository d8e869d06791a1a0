import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConferenceEntity, FloorRequestEntity, MediaControlsEntity, SiteEntity } from '@hoinghi/database';
import { assertEditable, invalid, mutedAfter, NO_MEDIA_CONTROLS, notFound, type MuteCommand } from '@hoinghi/domain';
import {
  RedisChannel, type AudioCommandRequest, type AuditAction, type MediaControlsEvent, type MediaControlsResponse, type MediaControlsView,
} from '@hoinghi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { conferenceNotFound } from '../access/access.service';
import { ChangeContext, ChangeOutcome, ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';

/**
 * The chair's media controls: whether the floor holder may share a screen, and which sites are muted.
 * Each change is a change of the conference (every site's UI hears `media.controls`, the audit trail
 * says who did it) and goes to the media gateway through the outbox (`hoinghi:media-controls`), which
 * enforces it: it pauses muted microphones and stops a share no longer allowed.
 */
@Injectable()
export class MediaControlsService implements ConferenceSection {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ConferenceChanges,
    views: ConferenceViews,
  ) {
    views.register(this);
  }

  async readSection(em: EntityManager, conference: ConferenceEntity): Promise<{ mediaControls: MediaControlsView }> {
    return { mediaControls: await read(em, conference.id) };
  }

  setSharing(user: AuthUser, conferenceId: string, floorShareAllowed: boolean): Promise<MediaControlsView> {
    return this.changes.run({ user, conferenceId, permission: 'media.control' }, async (ctx) => {
      assertEditable(ctx.conference.status, 'change who may share a screen');
      const controls = { ...(await read(ctx.em, conferenceId)), floorShareAllowed };
      return this.save(ctx, controls, 'media.share-permission', { floorShareAllowed });
    });
  }

  audio(user: AuthUser, conferenceId: string, request: AudioCommandRequest): Promise<MediaControlsView> {
    return this.changes.run({ user, conferenceId, permission: 'media.control' }, async (ctx) => {
      assertEditable(ctx.conference.status, 'mute or unmute a site');
      const sites = await ctx.em.find(SiteEntity, { where: { conferenceId }, order: { position: 'ASC', name: 'ASC' } });
      const command = commandOf(request);
      if ('siteId' in command && !sites.some((s) => s.id === command.siteId)) {
        throw notFound('SITE_NOT_FOUND', `Site ${command.siteId} does not exist in this conference.`);
      }
      const holder = await ctx.em.findOne(FloorRequestEntity, { where: { conferenceId, status: 'speaking' } });
      const before = await read(ctx.em, conferenceId);
      const mutedSiteIds = mutedAfter(before.mutedSiteIds, command, {
        siteIds: sites.map((s) => s.id), mainSiteId: sites.find((s) => s.isMain)?.id ?? null, floorSiteId: holder?.siteId ?? null,
      });
      const action: AuditAction = command.kind.startsWith('mute') ? 'media.mute' : 'media.unmute';
      return this.save(ctx, { ...before, mutedSiteIds }, action, { command: command.kind, siteId: request.siteId ?? null, mutedSiteIds });
    });
  }

  /** For the media gateway (internal route): as they are now, from the database. */
  async forGateway(conferenceId: string): Promise<MediaControlsResponse> {
    const at = new Date().toISOString(); // before the query: the answer is at least this fresh
    const em = this.dataSource.manager;
    if (!(await em.exists(ConferenceEntity, { where: { id: conferenceId } }))) throw conferenceNotFound(conferenceId);
    return { v: 1, conferenceId, controls: await read(em, conferenceId), at };
  }

  private async save(
    ctx: ChangeContext, controls: MediaControlsView, action: AuditAction, details: Record<string, unknown>,
  ): Promise<ChangeOutcome<MediaControlsView>> {
    const conferenceId = ctx.conference.id;
    await ctx.em.upsert(MediaControlsEntity, { conferenceId, ...controls, updatedAt: ctx.now }, ['conferenceId']);
    const event: MediaControlsEvent = { v: 1, conferenceId, controls, at: ctx.now.toISOString() };
    return {
      result: controls,
      events: [{ audience: { kind: 'conference' }, type: 'media.controls', data: { controls } }],
      audit: { action, details },
      outbox: [{ kind: 'redis', channel: RedisChannel.MediaControls, payload: event }],
    };
  }
}

async function read(em: EntityManager, conferenceId: string): Promise<MediaControlsView> {
  const row = await em.findOne(MediaControlsEntity, { where: { conferenceId } });
  return row ? { floorShareAllowed: row.floorShareAllowed, mutedSiteIds: row.mutedSiteIds } : NO_MEDIA_CONTROLS;
}

function commandOf(request: AudioCommandRequest): MuteCommand {
  if (request.command === 'mute-all-but-floor' || request.command === 'unmute-all') return { kind: request.command };
  if (!request.siteId) throw invalid('VALIDATION_FAILED', `is required to ${request.command} one site`, 'siteId');
  return { kind: request.command, siteId: request.siteId };
}
