import {
  ClientEvent, NOTICE_PAGE, ServerEvent, type ClientToServerEvents, type NoticeList, type ServerToClientEvents,
} from '@hoinghi/contracts';
import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { api } from '../api/endpoints';
import { getToken, onTokenRenewed } from '../auth/session';

type NoticeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The user's notices, kept live: read over REST at each (re)connection of the socket — anything announced
 * while it was away is in that answer — then new ones (`notices:new`) and what they read on another device
 * (`notices:read`) as they happen. Every connection of a user hears these, in no conference's room.
 */
export function useNotices(): [NoticeList | null, (list: NoticeList) => void] {
  const [list, setList] = useState<NoticeList | null>(null);

  useEffect(() => {
    let current = true;
    const load = () => api.notices().then((l) => current && setList(l), () => undefined);
    const socket: NoticeSocket = io({ auth: (send) => send({ token: getToken() }) });
    socket.on('connect', () => void load());
    socket.on(ServerEvent.Notice, (notice) => setList((prev) => {
      if (!prev || prev.items.some((n) => n.id === notice.id)) return prev;
      return { items: [notice, ...prev.items].slice(0, NOTICE_PAGE), unread: prev.unread + 1 };
    }));
    socket.on(ServerEvent.NoticesRead, ({ ids, unread }) => setList((prev) => prev && {
      unread, items: prev.items.map((n) => (ids === null || ids.includes(n.id) ? { ...n, read: true } : n)),
    }));
    const stopRenewing = onTokenRenewed((token) => {
      if (socket.connected) socket.emit(ClientEvent.Renew, { token }, () => undefined);
    });
    return () => {
      current = false;
      stopRenewing();
      socket.disconnect();
    };
  }, []);

  return [list, setList];
}
