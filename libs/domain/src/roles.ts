import type { ParticipantRole, RoleAssignment } from '@hoinghi/contracts';
import { forbidden } from './errors';

/** What a caller may do in one conference. Site-scoped permissions also need the caller's site. */
export type Permission =
  | 'conference.view'
  | 'conference.manage' // status, sites, people, agenda structure
  | 'agenda.control'
  | 'floor.control'
  | 'floor.request' // site-scoped
  | 'attendance.check' // site-scoped
  | 'attendance.absentees' // who is not present and why, every site (the leaders; live records stay with each site's staff)
  | 'audit.view'
  | 'drafts.manage' // put drafts and their versions to the conference (the secretariat)
  | 'consultation.control' // open and close a draft's consultation (the chairs)
  | 'comments.submit' // a delegate's own comment on a draft
  | 'comments.site' // site-scoped: the site's collective opinion (its chair or operator)
  | 'comments.floor' // record a comment spoken from the floor (the secretary)
  | 'minutes.write' // keep the minutes and submit them (the secretariat)
  | 'minutes.approve' // approve, return and publish them (the chairs)
  | 'minutes.download' // have published minutes rendered (.docx, .pdf) and download them (the leaders and every site's staff)
  | 'consolidation.manage' // group comments into points, decide on them, render the consolidation report (the secretariat)
  | 'polls.manage' // prepare a poll on an agenda item (the chairs and the secretariat)
  | 'polls.control' // open and close a poll (the chairs)
  | 'polls.voters' // site-scoped: who at the site has (not) voted (its chair or operator)
  | 'ballots.cast' // cast one's own ballot (an elector: a delegate with a right to vote)
  | 'media.join' // site-scoped
  | 'recordings.view' // play and download the programme's recordings (the chairs and the secretariat)
  | 'media.control'; // mute and unmute sites, allow the floor holder to share a screen (the chairs)

/** Chairs act for every site: they run the whole conference from the main hall. */
export const CHAIRS: readonly ParticipantRole[] = ['chair', 'co_chair'];
const SITE_STAFF: ParticipantRole[] = ['site_chair', 'site_operator'];

/** Who holds each permission (rendered into docs/rules.md). */
export const GRANTS: Readonly<Record<Permission, { roles: readonly ParticipantRole[]; siteScoped: boolean }>> = {
  'conference.view': { roles: ['chair', 'co_chair', 'site_chair', 'site_operator', 'delegate', 'secretary', 'observer'], siteScoped: false },
  'conference.manage': { roles: CHAIRS, siteScoped: false },
  'agenda.control': { roles: CHAIRS, siteScoped: false },
  'floor.control': { roles: CHAIRS, siteScoped: false },
  'floor.request': { roles: [...SITE_STAFF, 'delegate'], siteScoped: true },
  'attendance.check': { roles: SITE_STAFF, siteScoped: true },
  'attendance.absentees': { roles: [...CHAIRS, 'secretary'], siteScoped: false },
  'audit.view': { roles: [...CHAIRS, 'secretary'], siteScoped: false },
  'drafts.manage': { roles: [...CHAIRS, 'secretary'], siteScoped: false },
  'consultation.control': { roles: CHAIRS, siteScoped: false },
  'comments.submit': { roles: [...CHAIRS, 'delegate'], siteScoped: false },
  'comments.site': { roles: SITE_STAFF, siteScoped: true },
  'comments.floor': { roles: [...CHAIRS, 'secretary'], siteScoped: false },
  'minutes.write': { roles: [...CHAIRS, 'secretary'], siteScoped: false },
  'minutes.approve': { roles: CHAIRS, siteScoped: false },
  'minutes.download': { roles: [...CHAIRS, 'secretary', ...SITE_STAFF], siteScoped: false },
  'consolidation.manage': { roles: [...CHAIRS, 'secretary'], siteScoped: false },
  'polls.manage': { roles: [...CHAIRS, 'secretary'], siteScoped: false },
  'polls.control': { roles: CHAIRS, siteScoped: false },
  'polls.voters': { roles: SITE_STAFF, siteScoped: true },
  'ballots.cast': { roles: ['delegate'], siteScoped: false },
  'media.join': { roles: [...CHAIRS, ...SITE_STAFF], siteScoped: true },
  'recordings.view': { roles: [...CHAIRS, 'secretary'], siteScoped: false },
  'media.control': { roles: CHAIRS, siteScoped: false },
};

/**
 * True when one of the caller's assignments grants `permission` (at `siteId` for site-scoped ones).
 * Chairs act for every site: they run the whole conference from the main hall.
 */
export function can(assignments: RoleAssignment[], permission: Permission, siteId?: string): boolean {
  const grant = GRANTS[permission];
  return assignments.some((a) => {
    if (CHAIRS.includes(a.role) && (grant.roles.includes(a.role) || grant.siteScoped)) return true;
    if (!grant.roles.includes(a.role)) return false;
    return !grant.siteScoped || (siteId !== undefined && a.siteId === siteId);
  });
}

export function assertCan(assignments: RoleAssignment[], permission: Permission, siteId?: string): void {
  if (assignments.length === 0) {
    throw forbidden('NOT_A_PARTICIPANT', 'You are not a participant of this conference.');
  }
  if (!can(assignments, permission, siteId)) {
    throw forbidden(
      'ROLE_FORBIDDEN',
      siteId && GRANTS[permission].siteScoped
        ? `Your role in this conference does not allow ${permission} at this site.`
        : `Your role in this conference does not allow ${permission}.`,
    );
  }
}
