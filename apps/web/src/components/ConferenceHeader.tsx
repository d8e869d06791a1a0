import type { ConferenceView } from '@hoinghi/contracts';
import type { ReactNode } from 'react';
import { formatDateTime } from '../i18n/format';
import { useT } from '../i18n/I18nContext';
import type { ConnectionState } from '../realtime/useConference';
import { ConnectionStatus } from './ConnectionStatus';
import { StatusBadge } from './StatusBadge';

interface Props {
  conference: ConferenceView;
  connection: ConnectionState;
  /** A line above the title, e.g. the site's name in the site view. */
  eyebrow?: ReactNode;
  children?: ReactNode;
}

export function ConferenceHeader({ conference, connection, eyebrow, children }: Props) {
  const t = useT();
  return (
    <section className="conference-header">
      <div className="conference-header__main">
        {eyebrow && <p className="conference-header__eyebrow">{eyebrow}</p>}
        <h1 className="conference-header__title" data-testid="conference-title" title={conference.title}>
          {conference.title}
        </h1>
        <p className="conference-header__meta">
          <StatusBadge status={conference.status} testId="conference-status" />
          {/* Details a phone leaves out, so the header stays two lines there. */}
          <span className="conference-header__detail">
            {t.console.hostUnit}: {conference.hostUnitName}
          </span>
          <span className="conference-header__detail">
            {t.console.plannedTime}: {formatDateTime(conference.plannedStart, t.locale)} – {formatDateTime(conference.plannedEnd, t.locale)}
          </span>
          <ConnectionStatus state={connection} />
        </p>
      </div>
      {children && <div className="conference-header__actions">{children}</div>}
    </section>
  );
}
