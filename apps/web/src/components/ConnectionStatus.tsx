import { useOnline } from '../hooks/useOnline';
import { useT } from '../i18n/I18nContext';
import type { ConnectionState } from '../realtime/useConference';

/**
 * "Live" only while the socket is connected and the browser is online: an offline browser may keep a
 * socket that looks connected until its heartbeat times out, and must not show green meanwhile.
 */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const t = useT();
  const online = useOnline();
  const shown = online ? state : 'offline';
  return (
    <span className={`connection connection--${shown}`} data-testid="connection-status" data-state={shown} role="status">
      <span className="connection__dot" aria-hidden="true" />
      {t.connection[shown]}
    </span>
  );
}
