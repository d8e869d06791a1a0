import type { RoleAssignment } from '@hoinghi/contracts';
import { can } from '@hoinghi/domain';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';

/**
 * The caller's own delegate row at a site, when they attend there as a delegate and do not run it: a
 * delegate asks for the floor for themself (by name), the site's staff for the site.
 */
export function useOwnDelegate(conferenceId: string, siteId: string, roles: RoleAssignment[] | null): string | undefined {
  const { user } = useAuth();
  const [participantId, setParticipantId] = useState<string | undefined>(undefined);
  const delegateOnly = roles !== null && !can(roles, 'attendance.check', siteId) && roles.some((r) => r.role === 'delegate' && r.siteId === siteId);
  useEffect(() => {
    setParticipantId(undefined);
    if (!delegateOnly || !user) return;
    let current = true;
    api.participants(conferenceId).then(
      (list) => current && setParticipantId(list.find((p) => p.userId === user.id && p.role === 'delegate' && p.siteId === siteId)?.id),
      () => undefined,
    );
    return () => { current = false; };
  }, [conferenceId, siteId, delegateOnly, user?.id]);
  return participantId;
}
