import type { ParticipantRole, RoleAssignment } from '@hoinghi/contracts';

// Which controls to show comes from the server's own permission table (`can` in @hoinghi/domain);
// the server checks every request again. This file only decides where a conference opens.
const CONSOLE_ROLES: ParticipantRole[] = ['chair', 'co_chair', 'secretary', 'observer'];

/** Where a conference opens for this user: the console for the main hall, else the view of their own site. */
export function conferencePath(conferenceId: string, roles: RoleAssignment[]): string {
  const atSite = roles.find((r) => r.siteId !== null && !CONSOLE_ROLES.includes(r.role));
  if (roles.some((r) => CONSOLE_ROLES.includes(r.role)) || !atSite) return `/conferences/${conferenceId}`;
  return `/conferences/${conferenceId}/sites/${atSite.siteId}`;
}
