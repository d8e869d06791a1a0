import type { RoleAssignment } from '@hoinghi/contracts';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';

/**
 * The caller's roles in one conference. The snapshot does not carry them, so they come from the
 * conference list (GET /conferences, which has myRoles). null while loading.
 */
export function useMyRoles(conferenceId: string): { roles: RoleAssignment[] | null; error: unknown } {
  const [roles, setRoles] = useState<RoleAssignment[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    setRoles(null);
    api.listConferences().then(
      (list) => !cancelled && setRoles(list.find((c) => c.id === conferenceId)?.myRoles ?? []),
      (caught: unknown) => !cancelled && setError(caught),
    );
    return () => {
      cancelled = true;
    };
  }, [conferenceId]);
  return { roles, error };
}
