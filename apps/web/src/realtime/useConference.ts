import {
  ClientEvent, ConferenceFeed, ServerEvent, type ClientToServerEvents, type ConferenceDelta, type ConferenceSnapshot, type JoinAck,
  type MediaStatusEvent, type ServerToClientEvents,
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
 * Keeps a live copy of one conference (cut to what this user may see): joins over socket.io, applies
 * deltas through the contracts' ConferenceFeed, asks for a sync on a gap or when the server says it
 * may have missed some, and joins again with the last version after a reconnect (socket.io
 * reconnects by itself, but a new connection is in no room until it joins). When the app renews the
 * access token, the connection renews too (`auth:renew`), so the server keeps it past the old token's end.
 */
export function useConference(conferenceId: string): LiveConference {
  const [snapshot, setSnapshot] = useState<ConferenceSnapshot | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [mediaIncident, setMediaIncident] = useState<MediaStatusEvent | null>(null);

  useEffect(() => {
    let feed: ConferenceFeed | null = null;
    let waiting: ConferenceDelta[] = []; // received while a join/sync is in flight
    let catchingUp = false;

    setSnapshot(null);
    setConnection('connecting');
    setError(null);

    // auth as a function: every reconnect presents the token of the moment.
    const socket: ConferenceSocket = io({ auth: (send) => send({ token: getToken() }) });

    const publish = () => feed && setSnapshot(feed.snapshot);

    const onAck = (ack: JoinAck) => {
      catchingUp = false;
      if (!ack.ok) {
        setError(ack.error.message);
        return;
      }
      setError(null);
      setConnection('live');
      const pending = waiting;
      waiting = [];
      if (!feed && ack.mode === 'snapshot') feed = new ConferenceFeed(ack.snapshot);
      else if (!feed || feed.acceptAck(ack) === 'gap') {
        return catchUp(ClientEvent.Join, true); // deltas without a base, or a hole: start from a snapshot
      }
      if (feed.receiveAll(pending) === 'gap') catchUp(ClientEvent.Sync);
      publish();
    };

    function catchUp(event: typeof ClientEvent.Join | typeof ClientEvent.Sync, fresh = false) {
      if (catchingUp) return;
      catchingUp = true;
      const sinceVersion = fresh ? undefined : feed?.version;
      socket.emit(event, sinceVersion === undefined ? { conferenceId } : { conferenceId, sinceVersion }, onAck);
    }

    socket.on('connect', () => catchUp(ClientEvent.Join));
    socket.on('disconnect', () => {
      catchingUp = false; // an ack in flight is lost with the connection
      setConnection('reconnecting');
    });
    socket.on('connect_error', () => setConnection('reconnecting'));
    socket.on(ServerEvent.Resync, (notice) => notice.conferenceId === conferenceId && catchUp(ClientEvent.Sync));
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
    socket.on(ServerEvent.Delta, (delta) => {
      if (delta.conferenceId !== conferenceId) return;
      if (catchingUp || !feed) {
        waiting.push(delta);
        return;
      }
      const verdict = feed.receive(delta);
      if (verdict === 'applied') publish();
      if (verdict === 'gap') {
        waiting.push(delta);
        catchUp(ClientEvent.Sync);
      }
    });

    return () => {
      stopRenewing();
      socket.disconnect();
    };
  }, [conferenceId]);

  return { snapshot, connection, error, mediaIncident };
}
