import type { Audience, ParticipantRole, RoleAssignment, ViewerScope } from '@hoinghi/contracts';

// The one rule for who sees which change. Live delivery (socket rooms), catch-up and snapshots all
// derive from `viewerScope`; audiences.spec.ts proves that rooms and `canSee` agree.

const LEADER_ROLES: ParticipantRole[] = ['chair', 'co_chair', 'secretary'];
const SITE_STAFF_ROLES: ParticipantRole[] = ['site_chair', 'site_operator'];
const CHAIR_ROLES: ParticipantRole[] = ['chair', 'co_chair'];

/** Whether `viewerScope` needs the conference's main site to decide (someone runs a site: is it the main hall?). */
export const runsASite = (roles: RoleAssignment[]) => roles.some((r) => SITE_STAFF_ROLES.includes(r.role) && r.siteId !== null);

/**
 * What a viewer sees, from their roles. `mainSiteId` tells whether a site's staff is the main hall's
 * technical desk (needed only when `runsASite`).
 */
export function viewerScope(userId: string, roles: RoleAssignment[], mainSiteId: string | null = null): ViewerScope {
  const unique = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];
  const staffSiteIds = unique(roles.filter((r) => SITE_STAFF_ROLES.includes(r.role)).map((r) => r.siteId));
  return {
    userId,
    leader: roles.some((r) => LEADER_ROLES.includes(r.role)),
    siteIds: unique(roles.filter((r) => !LEADER_ROLES.includes(r.role)).map((r) => r.siteId)),
    staffSiteIds,
    desk: roles.some((r) => CHAIR_ROLES.includes(r.role)) || (mainSiteId !== null && staffSiteIds.includes(mainSiteId)),
  };
}

export function canSee(scope: ViewerScope, audience: Audience): boolean {
  switch (audience.kind) {
    case 'conference':
      return true;
    case 'leaders':
      return scope.leader;
    case 'site':
      return scope.leader || scope.siteIds.includes(audience.siteId);
    case 'site-staff':
      // Not the leaders: delegates' records and reasons stay with the site that took them.
      return scope.staffSiteIds.includes(audience.siteId);
    case 'person':
      return scope.userId === audience.userId;
    case 'desk':
      // The site's own staff and the main hall's desk; not the secretariat, not delegates, never another site.
      return scope.desk || scope.staffSiteIds.includes(audience.siteId);
  }
}

/** Whether a site's part of the conference (its counts, its queue) belongs in this viewer's snapshot. */
export const seesSite = (scope: ViewerScope, siteId: string) => canSee(scope, { kind: 'site', siteId });

const room = (conferenceId: string, name: string) => `conference:${conferenceId}:${name}`;

/** The socket.io rooms a change for `audience` is emitted to. */
export function roomsOfAudience(conferenceId: string, audience: Audience): string[] {
  switch (audience.kind) {
    case 'conference':
      return [`conference:${conferenceId}`];
    case 'leaders':
      return [room(conferenceId, 'leaders')];
    case 'site':
      return [room(conferenceId, `site:${audience.siteId}`), room(conferenceId, 'leaders')];
    case 'site-staff':
      return [room(conferenceId, `site-staff:${audience.siteId}`)];
    case 'person':
      return [room(conferenceId, `person:${audience.userId}`)];
    case 'desk':
      return [room(conferenceId, `desk:${audience.siteId}`), room(conferenceId, 'desk')];
  }
}

/** The socket.io rooms a viewer's socket joins. */
export function roomsOfViewer(conferenceId: string, scope: ViewerScope): string[] {
  return [
    `conference:${conferenceId}`,
    room(conferenceId, `person:${scope.userId}`),
    ...(scope.leader ? [room(conferenceId, 'leaders')] : []),
    ...scope.siteIds.map((id) => room(conferenceId, `site:${id}`)),
    ...scope.staffSiteIds.map((id) => room(conferenceId, `site-staff:${id}`)),
    ...scope.staffSiteIds.map((id) => room(conferenceId, `desk:${id}`)),
    ...(scope.desk ? [room(conferenceId, 'desk')] : []),
  ];
}
