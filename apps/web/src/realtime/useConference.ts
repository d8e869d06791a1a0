import {
  ClientEvent, LiveFeed, ServerEvent, type ClientToServerEvents, type ConferenceSnapshot, type MediaStatusEvent, type ServerToClientEvents,
} from '@hoinghi/contracts';
import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { getToken, onTokenRenewed } from '../auth/session';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

type ConferenceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveConference {
  snapshot: ConferenceSnapshot | null;
  connection: ConnectionState;
  error: string | null;
  /** The latest media gateway incident (worker failure) heard during this session. */
  mediaIncident: MediaStatusEvent | null;
}

/**
 * Keeps a live copy of one conference (cut to what this user may see) with the contracts' LiveFeed
 * over socket.io: deltas applied, a sync on a gap or when the server says it may have missed some,
 * and a join with the last version after each reconnect (socket.io reconnects by itself, but a new
 * connection is in no room until it joins). When the app renews the access token, the connection
 * renews too (`auth:renew`), so the server keeps it past the old token's end.
 */
export function useConference(conferenceId: string): LiveConference {
  const [snapshot, setSnapshot] = useState<ConferenceSnapshot | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [mediaIncident, setMediaIncident] = useState<MediaStatusEvent | null>(null);

  useEffect(() => {
    setSnapshot(null);
    setConnection('connecting');
    setError(null);

    // auth as a function: every reconnect presents the token of the moment.
    const socket: ConferenceSocket = io({ auth: (send) => send({ token: getToken() }) });
    const feed = new LiveFeed(conferenceId, (event, request) => new Promise((resolve) => socket.emit(event as typeof ClientEvent.Join, request, resolve)), {
      onChange: setSnapshot,
      onError: (failure) => setError(failure.message),
    });
    const caughtUp = () => {
      if (!socket.connected) return;
      setError(null);
      setConnection('live');
    };
    const failed = (failure: Error) => setError(failure.message);

    socket.on('connect', () => void feed.join().then(caughtUp, failed));
    socket.on('disconnect', () => {
      feed.disconnected();
      setConnection('reconnecting');
    });
    socket.on('connect_error', () => setConnection('reconnecting'));
    socket.on(ServerEvent.Resync, (notice) => notice.conferenceId === conferenceId && void feed.resync().then(caughtUp, failed));
    socket.on(ServerEvent.Delta, (delta) => feed.receive(delta));
    socket.on(ServerEvent.MediaStatus, (event) => {
      if (event.conferenceId === conferenceId) setMediaIncident(event);
    });
    socket.on(ServerEvent.SessionExpired, (expired) => setError(expired.message));
    const stopRenewing = onTokenRenewed((token) => {
      if (!socket.connected) return; // the next connection presents the new token itself
      socket.emit(ClientEvent.Renew, { token }, (ack) => {
        if (!ack.ok) setError(ack.error.message);
      });
    });

    return () => {
      stopRenewing();
      socket.disconnect();
    };
  }, [conferenceId]);

  return { snapshot, connection, error, mediaIncident };
}
