import {
  ClientEvent, ServerEvent, type ClientToServerEvents, type ConferenceDelta, type ConferenceSnapshot, type JoinAck,
  type MediaStatusEvent, type ServerToClientEvents,
} from '@hoinghi/contracts';
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { getToken } from '../auth/session';
import { applyInOrder } from './applyInOrder';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/** What just changed: the deltas applied, or 'snapshot' when the whole state was replaced. */
export type AppliedChange = ConferenceDelta[] | 'snapshot';

type ConferenceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveConference {
  snapshot: ConferenceSnapshot | null;
  connection: ConnectionState;
  error: string | null;
  /** The latest media gateway incident (worker failure) heard during this session. */
  mediaIncident: MediaStatusEvent | null;
}

/**
 * Keeps a live snapshot of one conference: joins over socket.io, applies deltas in version order,
 * asks for a sync on a gap, and re-joins with the last applied version after a reconnect.
 */
export function useConference(conferenceId: string, onApplied?: (change: AppliedChange) => void): LiveConference {
  const [snapshot, setSnapshot] = useState<ConferenceSnapshot | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [mediaIncident, setMediaIncident] = useState<MediaStatusEvent | null>(null);

  const onAppliedRef = useRef(onApplied);
  useEffect(() => {
    onAppliedRef.current = onApplied;
  });

  useEffect(() => {
    let current: ConferenceSnapshot | null = null;
    let waiting: ConferenceDelta[] = []; // received while a join/sync is in flight, or beyond a gap
    let catchingUp = false;

    setSnapshot(null);
    setConnection('connecting');
    setError(null);

    // auth as a function: every reconnect presents the token of the moment.
    const socket: ConferenceSocket = io({ auth: (send) => send({ token: getToken() }) });

    const apply = (base: ConferenceSnapshot, deltas: ConferenceDelta[], replaced: boolean) => {
      const result = applyInOrder(base, deltas);
      current = result.snapshot;
      waiting = result.waiting;
      setSnapshot(current);
      if (replaced) onAppliedRef.current?.('snapshot');
      else if (result.applied.length) onAppliedRef.current?.(result.applied);
      if (waiting.length) catchUp(ClientEvent.Sync);
    };

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
      if (ack.mode === 'snapshot') apply(ack.snapshot, pending, true);
      else if (current) apply(current, [...ack.deltas, ...pending], false);
      else catchUp(ClientEvent.Join); // deltas without a base cannot happen for a fresh join; start over
    };

    function catchUp(event: typeof ClientEvent.Join | typeof ClientEvent.Sync) {
      if (catchingUp) return;
      catchingUp = true;
      const sinceVersion = current?.version;
      socket.emit(event, sinceVersion === undefined ? { conferenceId } : { conferenceId, sinceVersion }, onAck);
    }

    socket.on('connect', () => catchUp(ClientEvent.Join));
    socket.on('disconnect', () => {
      catchingUp = false; // an ack in flight is lost with the connection
      setConnection('reconnecting');
    });
    socket.on('connect_error', () => setConnection('reconnecting'));
    socket.on(ServerEvent.Error, (answer) => setError(answer.message));
    socket.on(ServerEvent.MediaStatus, (event) => {
      if (event.conferenceId === conferenceId) setMediaIncident(event);
    });
    socket.on(ServerEvent.Delta, (delta) => {
      if (delta.conferenceId !== conferenceId) return;
      if (catchingUp || !current) waiting.push(delta);
      else apply(current, [...waiting, delta], false);
    });

    return () => {
      socket.disconnect();
    };
  }, [conferenceId]);

  return { snapshot, connection, error, mediaIncident };
}
