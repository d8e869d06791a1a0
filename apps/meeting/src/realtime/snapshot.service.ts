import { Injectable } from '@nestjs/common';
import {
  AgendaItemEntity, AttendanceRecordEntity, ConferenceEntity, FloorRequestEntity, OrgUnitEntity, ParticipantEntity, SiteEntity,
} from '@hoinghi/database';
import { holder, queued, summarizeAttendance } from '@hoinghi/domain';
import type {
  AgendaItemView, AttendanceRecordView, AttendanceSummary, ConferenceSnapshot, ConferenceView, FloorRequestView, FloorState, SiteView,
} from '@hoinghi/contracts';
import { EntityManager, In } from 'typeorm';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Reads each section of a conference's state as the views the clients draw. */
@Injectable()
export class SnapshotService {
  async snapshot(em: EntityManager, conference: ConferenceEntity): Promise<ConferenceSnapshot> {
    const [view, sites, agenda, attendance, floor] = [
      await this.conference(em, conference),
      await this.sites(em, conference.id),
      await this.agenda(em, conference.id),
      await this.attendance(em, conference),
      await this.floor(em, conference.id),
    ];
    return { version: conference.version, conference: view, sites, agenda, attendance, floor };
  }

  async conference(em: EntityManager, c: ConferenceEntity): Promise<ConferenceView> {
    const host = await em.findOneByOrFail(OrgUnitEntity, { id: c.hostUnitId });
    return {
      id: c.id,
      title: c.title,
      kind: c.kind,
      status: c.status,
      hostUnitId: c.hostUnitId,
      hostUnitName: host.name,
      plannedStart: c.plannedStart.toISOString(),
      plannedEnd: c.plannedEnd.toISOString(),
      quorumNumerator: c.quorumNumerator,
      quorumDenominator: c.quorumDenominator,
      startedAt: iso(c.startedAt),
      endedAt: iso(c.endedAt),
    };
  }

  async sites(em: EntityManager, conferenceId: string): Promise<SiteView[]> {
    const sites = await em.find(SiteEntity, { where: { conferenceId }, relations: { orgUnit: true }, order: { position: 'ASC' } });
    return sites.map((s) => this.site(s, s.orgUnit!.name));
  }

  site(s: SiteEntity, orgUnitName: string): SiteView {
    return {
      id: s.id, name: s.name, place: s.place, orgUnitId: s.orgUnitId, orgUnitName, parentSiteId: s.parentSiteId, isMain: s.isMain,
    };
  }

  async agenda(em: EntityManager, conferenceId: string): Promise<AgendaItemView[]> {
    const items = await em.find(AgendaItemEntity, { where: { conferenceId }, order: { position: 'ASC' } });
    return items.map((i) => ({
      id: i.id, position: i.position, title: i.title, kind: i.kind, presenter: i.presenter, plannedMinutes: i.plannedMinutes,
      state: i.state, startedAt: iso(i.startedAt), endedAt: iso(i.endedAt),
    }));
  }

  async attendance(em: EntityManager, c: ConferenceEntity): Promise<AttendanceSummary> {
    const [sites, delegates] = await Promise.all([
      em.find(SiteEntity, { where: { conferenceId: c.id }, select: ['id'], order: { position: 'ASC' } }),
      em
        .createQueryBuilder(ParticipantEntity, 'p')
        .leftJoin(AttendanceRecordEntity, 'a', 'a.participant_id = p.id')
        .select(['p.site_id AS "siteId"', 'a.status AS "status"', 'a.checked_out_at IS NOT NULL AS "checkedOut"'])
        .where('p.conference_id = :id AND p.role = :role', { id: c.id, role: 'delegate' })
        .getRawMany<{ siteId: string; status: AttendanceRecordView['status']; checkedOut: boolean }>(),
    ]);
    return summarizeAttendance(sites.map((s) => s.id), delegates, { numerator: c.quorumNumerator, denominator: c.quorumDenominator });
  }

  /** The delegates of one site with their attendance (delegates never checked have status null). */
  async attendanceRecords(em: EntityManager, conferenceId: string, siteId: string, participantId?: string): Promise<AttendanceRecordView[]> {
    const query = em
      .createQueryBuilder(ParticipantEntity, 'p')
      .innerJoin('p.user', 'u')
      .leftJoin(AttendanceRecordEntity, 'a', 'a.participant_id = p.id')
      .select([
        'p.id AS "participantId"', 'u.full_name AS "fullName"', 'p.site_id AS "siteId"', 'a.status AS "status"',
        'a.reason AS "reason"', 'a.checked_in_at AS "checkedInAt"', 'a.checked_out_at AS "checkedOutAt"',
      ])
      .where('p.conference_id = :conferenceId AND p.site_id = :siteId AND p.role = :role', { conferenceId, siteId, role: 'delegate' })
      .orderBy('u.full_name_search', 'ASC');
    if (participantId) query.andWhere('p.id = :participantId', { participantId });
    const rows = await query.getRawMany<AttendanceRecordView & { checkedInAt: Date | null; checkedOutAt: Date | null }>();
    return rows.map((r) => ({ ...r, checkedInAt: iso(r.checkedInAt), checkedOutAt: iso(r.checkedOutAt) }));
  }

  async floor(em: EntityManager, conferenceId: string): Promise<FloorState> {
    const open = await em.find(FloorRequestEntity, { where: { conferenceId, status: In(['queued', 'speaking']) } });
    const names = await this.speakerNames(em, open);
    const view = (r: FloorRequestEntity): FloorRequestView => ({
      id: r.id, siteId: r.siteId, participantId: r.participantId, speakerName: names.get(r.id) ?? '', note: r.note, status: r.status,
      requestedAt: r.requestedAt.toISOString(), grantedAt: iso(r.grantedAt), endedAt: iso(r.endedAt), spokenSeconds: r.spokenSeconds,
    });
    const current = holder(open);
    return { holder: current ? view(current) : null, queue: queued(open).map(view) };
  }

  /** The delegate's name, or the site's name when the site itself asked. */
  private async speakerNames(em: EntityManager, requests: FloorRequestEntity[]): Promise<Map<string, string>> {
    if (requests.length === 0) return new Map();
    const rows = await em
      .createQueryBuilder(FloorRequestEntity, 'r')
      .innerJoin(SiteEntity, 's', 's.id = r.site_id')
      .leftJoin(ParticipantEntity, 'p', 'p.id = r.participant_id')
      .leftJoin('users', 'u', 'u.id = p.user_id')
      .select(['r.id AS id', 'COALESCE(u.full_name, s.name) AS name'])
      .where('r.id IN (:...ids)', { ids: requests.map((r) => r.id) })
      .getRawMany<{ id: string; name: string }>();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
