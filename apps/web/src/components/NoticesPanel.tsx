import { useState } from 'react';
import { api } from '../api/endpoints';
import { useAction } from '../hooks/useAction';
import { formatDateTime, formatTime } from '../i18n/format';
import { useT } from '../i18n/I18nContext';
import { useNotices } from '../realtime/useNotices';
import { Link } from '../router';
import { ErrorNotice } from './ErrorNotice';

/** On a phone each notice takes a third of the screen: the newest few, and the rest on request, keep the conferences in sight. */
const FIRST_NOTICES = 3;

/** The caller's notices across their conferences (scheduling, changes, the start …), unread first in weight; live. */
export function NoticesPanel({ pathOf }: { pathOf(conferenceId: string): string }) {
  const t = useT();
  const [list, setList] = useNotices();
  const [all, setAll] = useState(false);
  const action = useAction();

  if (!list) return null;
  return (
    <section className="panel notices-panel" data-testid="notices-panel">
      <header className="panel__header">
        <h2>
          {t.notices.title}
          {list.unread > 0 && <span className="badge badge--unread" data-testid="notices-unread">{t.notices.unread(list.unread)}</span>}
        </h2>
        {list.unread > 0 && (
          <button type="button" className="button button--small" disabled={action.busy} onClick={() => void action.run(async () => setList(await api.markAllNoticesRead()))}>
            {t.notices.markAll}
          </button>
        )}
      </header>
      <ErrorNotice error={action.error} />
      {list.items.length === 0 && <p className="empty">{t.notices.empty}</p>}
      <ul className="notices">
        {list.items.slice(0, all ? 20 : FIRST_NOTICES).map((n) => (
          <li key={n.id} className={`notice-item${n.read ? '' : ' notice-item--unread'}`} data-testid="notice" data-kind={n.kind} data-read={n.read}>
            <span className="notice-item__head">
              <strong>{t.notices.kind[n.kind]}</strong> · <time dateTime={n.at}>{formatDateTime(n.at, t.locale)}</time>
            </span>
            <Link to={pathOf(n.conferenceId)} className="notice-item__title">{n.conferenceTitle}</Link>
            <span className="notice-item__when">{t.notices.when(formatDateTime(n.plannedStart, t.locale), formatTime(n.plannedEnd, t.locale), n.place)}</span>
            {n.reason && <span className="notice-item__reason">{t.notices.reason}: {n.reason}</span>}
            {!n.read && (
              <button type="button" className="button button--small" disabled={action.busy} onClick={() => void action.run(async () => setList(await api.markNoticeRead(n.id)))}>
                {t.notices.markRead}
              </button>
            )}
          </li>
        ))}
      </ul>
      {list.items.length > FIRST_NOTICES && (
        <button type="button" className="button button--small notices-more" onClick={() => setAll(!all)} data-testid="notices-more">
          {all ? t.notices.fewer : t.notices.more(Math.min(list.items.length, 20) - FIRST_NOTICES)}
        </button>
      )}
    </section>
  );
}
