import type { ParticipantRole, RoleAssignment } from '@hoinghi/contracts';

// Client-side reading of the server's permission table (libs/domain roles): it only decides which
// controls to show; the server checks every request again.
const CHAIRS: ParticipantRole[] = ['chair', 'co_chair'];
const CONSOLE_ROLES: ParticipantRole[] = [...CHAIRS, 'secretary', 'observer'];
const SITE_STAFF: ParticipantRole[] = ['site_chair', 'site_operator'];

export const isChair = (roles: RoleAssignment[]) => roles.some((r) => CHAIRS.includes(r.role));

export const canCheckIn = (roles: RoleAssignment[], siteId: string) =>
  isChair(roles) || roles.some((r) => SITE_STAFF.includes(r.role) && r.siteId === siteId);

export const canRequestFloor = (roles: RoleAssignment[], siteId: string) =>
  isChair(roles) || roles.some((r) => (SITE_STAFF.includes(r.role) || r.role === 'delegate') && r.siteId === siteId);

/** Where a conference opens for this user: the console for the main hall, else the view of their own site. */
export function conferencePath(conferenceId: string, roles: RoleAssignment[]): string {
  const atSite = roles.find((r) => r.siteId !== null && !CONSOLE_ROLES.includes(r.role));
  if (roles.some((r) => CONSOLE_ROLES.includes(r.role)) || !atSite) return `/conferences/${conferenceId}`;
  return `/conferences/${conferenceId}/sites/${atSite.siteId}`;
}
