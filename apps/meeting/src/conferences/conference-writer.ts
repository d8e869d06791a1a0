import {
  AgendaItemEntity, AuditEntryEntity, ConferenceAttendanceEntity, ConferenceEntity, ConferenceFeedEntity, ParticipantEntity, SiteAttendanceEntity,
  SiteEntity,
} from '@hoinghi/database';
import type { QuorumRule } from '@hoinghi/domain';
import type { AgendaItemKind, ConferenceKind, ParticipantRole } from '@hoinghi/contracts';
import { EntityManager } from 'typeorm';

/** A new conference as written: sites parents-first (main first), agenda in order, people by site key. */
export interface NewConference {
  title: string;
  kind: ConferenceKind;
  hostUnitId: string;
  plannedStart: Date;
  plannedEnd: Date;
  quorum: QuorumRule;
  createdBy: string;
  sites: Array<{ key: string; parentKey?: string; isMain?: boolean; name: string; place?: string; orgUnitId: string }>;
  agenda: Array<{ title: string; kind: AgendaItemKind; presenter?: string; plannedMinutes: number }>;
  participants: Array<{ userId: string; role: ParticipantRole; siteKey: string | null; votingRight: boolean }>;
  audit: { action: string; details: Record<string, unknown> };
}

/**
 * Writes a draft conference with everything it starts with (its attendance counters and change feed
 * too), in the caller's transaction. Creating and copying a conference both come through here.
 */
export async function insertConference(em: EntityManager, spec: NewConference): Promise<{ conference: ConferenceEntity; mainSiteId: string }> {
  const conference = await em.save(ConferenceEntity, em.create(ConferenceEntity, {
    title: spec.title.trim(), kind: spec.kind, status: 'draft', hostUnitId: spec.hostUnitId, plannedStart: spec.plannedStart, plannedEnd: spec.plannedEnd,
    quorumNumerator: spec.quorum.numerator, quorumDenominator: spec.quorum.denominator, version: 0, createdBy: spec.createdBy,
  }));
  const mainKey = spec.sites.find((s) => s.isMain)!.key;
  const idByKey = new Map<string, string>();
  let mainSiteId = '';
  for (const [position, site] of spec.sites.entries()) {
    const saved = await em.save(SiteEntity, em.create(SiteEntity, {
      conferenceId: conference.id, name: site.name.trim(), place: site.place?.trim() ?? '', orgUnitId: site.orgUnitId,
      // A site without a named parent is connected directly to the main hall (the tree's root).
      parentSiteId: site.isMain ? null : idByKey.get(site.parentKey ?? mainKey)!, isMain: site.isMain === true, position,
    }));
    idByKey.set(site.key, saved.id);
    if (saved.isMain) mainSiteId = saved.id;
  }
  if (spec.agenda.length) {
    await em.insert(AgendaItemEntity, spec.agenda.map((item, index) => ({
      conferenceId: conference.id, position: index + 1, title: item.title.trim(), kind: item.kind,
      presenter: item.presenter?.trim() ?? '', plannedMinutes: item.plannedMinutes, state: 'pending' as const,
    })));
  }
  if (spec.participants.length) {
    await em.insert(ParticipantEntity, spec.participants.map((p) => ({
      conferenceId: conference.id, userId: p.userId, role: p.role, siteId: p.siteKey ? idByKey.get(p.siteKey)! : null, votingRight: p.votingRight,
    })));
  }
  await em.insert(SiteAttendanceEntity, [...idByKey.values()].map((siteId) => ({ siteId, conferenceId: conference.id })));
  await em.insert(ConferenceAttendanceEntity, { conferenceId: conference.id });
  await em.insert(ConferenceFeedEntity, { conferenceId: conference.id, publishedVersion: 0 });
  await em.insert(AuditEntryEntity, {
    conferenceId: conference.id, actorUserId: spec.createdBy, action: spec.audit.action, details: { title: conference.title, ...spec.audit.details },
  });
  return { conference, mainSiteId };
}
