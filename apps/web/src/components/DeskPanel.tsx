import { useEffect, useMemo, useState } from 'react';
import { DESK_LIMITS, type ConferenceSnapshot, type DeskMessageView, type DeskThreadView } from '@hoinghi/contracts';
import { api } from '../api/endpoints';
import { useAction } from '../hooks/useAction';
import { formatTime } from '../i18n/format';
import { useT } from '../i18n/I18nContext';
import { CharCount } from './CharCount';
import { ErrorNotice } from './ErrorNotice';

/**
 * The private text channel between the main hall's technical desk and each site's operators: the desk
 * picks a site's thread (unread counts beside each), a site's staff has its own. Messages arrive live
 * (the snapshot's `desk` threads); the open thread reads the rest over REST.
 */
export function DeskPanel({ conferenceId, snapshot }: { conferenceId: string; snapshot: ConferenceSnapshot }) {
  const t = useT();
  const threads = useThreads(snapshot);
  const [openSiteId, setOpenSiteId] = useState<string | null>(null);
  const open = threads.find((th) => th.siteId === openSiteId) ?? (threads.length === 1 ? threads[0] : null);
  // The count at which the viewer read each thread here: unread shown is what came after. A fresh
  // snapshot counts from the server's read marker again (below the base), and is shown as it is.
  const [readBase, setReadBase] = useState<Record<string, number>>({});
  const unreadOf = (thread: DeskThreadView) => {
    const base = readBase[thread.siteId] ?? 0;
    return thread.unread >= base ? thread.unread - base : thread.unread;
  };
  const totalUnread = threads.reduce((sum, th) => sum + unreadOf(th), 0);
  if (!threads.length) return null;

  return (
    <section className="panel desk-panel" data-testid="desk-panel">
      <header className="panel__header">
        <h2>
          {t.desk.title}
          {totalUnread > 0 && <span className="badge badge--unread" data-testid="desk-unread">{totalUnread}</span>}
        </h2>
      </header>
      {threads.length > 1 && (
        <ul className="desk-threads">
          {threads.map((thread) => (
            <li key={thread.siteId}>
              <button
                type="button"
                className={`desk-thread${open?.siteId === thread.siteId ? ' desk-thread--open' : ''}`}
                data-testid="desk-thread"
                data-site-id={thread.siteId}
                onClick={() => setOpenSiteId(thread.siteId)}
              >
                <span className="desk-thread__site">{thread.siteName}</span>
                {unreadOf(thread) > 0 && <span className="badge badge--unread">{unreadOf(thread)}</span>}
                {thread.lastMessage && <span className="desk-thread__last">{thread.lastMessage.text}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <DeskThread
          key={open.siteId}
          conferenceId={conferenceId}
          thread={open}
          userId={snapshot.scope.userId}
          closed={snapshot.conference.status === 'ended' || snapshot.conference.status === 'cancelled'}
          onRead={() => setReadBase((base) => ({ ...base, [open.siteId]: open.unread }))}
        />
      )}
    </section>
  );
}

/** The snapshot's threads (the desk: every district; a site's staff: its own), plus, for the desk, a site added since. Unread first. */
function useThreads(snapshot: ConferenceSnapshot): DeskThreadView[] {
  return useMemo(() => {
    const known = new Map(snapshot.desk.map((th) => [th.siteId, th]));
    if (snapshot.scope.desk) {
      for (const site of snapshot.sites) {
        if (!site.isMain && !known.has(site.id)) known.set(site.id, { siteId: site.id, siteName: site.name, lastMessage: null, unread: 0 });
      }
    }
    // Unread threads first, then the most recent, then the silent ones by name.
    const last = (th: DeskThreadView) => th.lastMessage?.sentAt ?? '';
    return [...known.values()].sort((a, b) =>
      Number(b.unread > 0) - Number(a.unread > 0) || last(b).localeCompare(last(a)) || a.siteName.localeCompare(b.siteName, 'vi'));
  }, [snapshot.desk, snapshot.scope.desk, snapshot.sites]);
}

interface ThreadProps {
  conferenceId: string;
  thread: DeskThreadView;
  userId: string;
  closed: boolean;
  onRead(): void;
}

function DeskThread({ conferenceId, thread, userId, closed, onRead }: ThreadProps) {
  const t = useT();
  const [messages, setMessages] = useState<DeskMessageView[]>([]);
  const [text, setText] = useState('');
  const action = useAction();
  const lastId = thread.lastMessage?.id ?? null;

  useEffect(() => {
    let current = true;
    api.deskMessages(conferenceId, thread.siteId).then((list) => current && setMessages(list), () => undefined);
    return () => { current = false; };
  }, [conferenceId, thread.siteId]);

  // A live message: append it, and the open thread counts as read.
  useEffect(() => {
    const last = thread.lastMessage;
    if (last) setMessages((list) => (list.some((m) => m.id === last.id) ? list : [...list, last]));
    if (thread.unread > 0) {
      onRead();
      void api.markDeskRead(conferenceId, thread.siteId).catch(() => undefined);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastId]);

  const send = () =>
    void action.run(async () => {
      const sent = await api.sendDeskMessage(conferenceId, thread.siteId, text.trim());
      setMessages((list) => (list.some((m) => m.id === sent.id) ? list : [...list, sent]));
      setText('');
    });

  return (
    <div className="desk-thread-view" data-testid="desk-thread-view" data-site-id={thread.siteId}>
      <h3>{t.desk.with(thread.siteName)}</h3>
      <ol className="desk-messages" aria-live="polite">
        {messages.length === 0 && <li className="empty">{t.desk.empty}</li>}
        {messages.map((m) => (
          <li key={m.id} className={`desk-message${m.authorUserId === userId ? ' desk-message--mine' : ''}`} data-testid="desk-message">
            <span className="desk-message__who">
              {m.authorName} · {m.fromDesk ? t.desk.fromDesk : t.desk.fromSite} · {formatTime(m.sentAt, t.locale)}
            </span>
            <span className="desk-message__text">{m.text}</span>
          </li>
        ))}
      </ol>
      <ErrorNotice error={action.error} />
      {closed ? (
        <p className="hint">{t.desk.closed}</p>
      ) : (
        <form className="desk-compose" onSubmit={(e) => { e.preventDefault(); if (text.trim()) send(); }}>
          <label className="field">
            <span>{t.desk.message}</span>
            <textarea data-testid="desk-text" rows={2} maxLength={DESK_LIMITS.textChars} value={text} onChange={(e) => setText(e.target.value)} />
            <CharCount used={text.length} max={DESK_LIMITS.textChars} />
          </label>
          <button type="submit" className="button button--primary" data-testid="desk-send" disabled={action.busy || !text.trim()} title={!text.trim() ? t.desk.emptyHint : undefined}>
            {t.desk.send}
          </button>
        </form>
      )}
    </div>
  );
}
