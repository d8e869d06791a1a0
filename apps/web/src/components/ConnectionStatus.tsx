import { useT } from '../i18n/I18nContext';
import type { ConnectionState } from '../realtime/useConference';

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const t = useT();
  return (
    <span className={`connection connection--${state}`} data-testid="connection-status" data-state={state} role="status">
      <span className="connection__dot" aria-hidden="true" />
      {t.connection[state]}
    </span>
  );
}
