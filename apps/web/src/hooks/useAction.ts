import { useCallback, useState } from 'react';

export interface ActionRunner {
  run(work: () => Promise<unknown>): Promise<boolean>;
  busy: boolean;
  error: unknown;
}

/**
 * Runs one user action at a time (buttons disable while it runs) and keeps its error to show.
 * The live state arrives as a delta over the socket, so results are not used here.
 */
export function useAction(): ActionRunner {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { run, busy, error };
}
