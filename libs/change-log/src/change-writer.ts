import type { Audience, ConferenceDelta, DeltaBody } from '@hoinghi/contracts';
import { streamOf } from '@hoinghi/contracts';
import { AuditEntryEntity, ConferenceEntity, ConferenceEventEntity, OutboxMessageEntity } from '@hoinghi/database';
import type { EntityManager } from 'typeorm';

/**
 * Who made a change: a person, the platform itself (the worker, the media gateway), or nobody — a
 * secret ballot, which must leave no actor, no per-voter delta and no audit line.
 */
export type Actor = { kind: 'user'; userId: string } | { kind: 'platform' } | { kind: 'nobody' };

/** One delta to record, with who may see it. `state`: it carries a whole state (totals); newest wins, may be coalesced. */
export type ChangeEvent = DeltaBody & { audience: Audience; state?: boolean };

/** A side effect delivered after commit by the relay: a Redis message, or a queue job. */
export type OutboxItem =
  | { kind: 'redis'; channel: string; payload: object }
  | { kind: 'job'; queue: string; name: string; payload: object };

export interface ChangeRecord {
  actor: Actor;
  events: ChangeEvent[];
  /** Required unless the actor is nobody, and refused then. */
  audit?: { action: string; details: Record<string, unknown> };
  outbox?: OutboxItem[];
}

/** Locks the conference row for the rest of the transaction: changes to one conference are serialised. */
export function lockConference(em: EntityManager, conferenceId: string): Promise<ConferenceEntity | null> {
  return em.findOne(ConferenceEntity, { where: { id: conferenceId }, lock: { mode: 'pessimistic_write' } });
}

/**
 * Records a change in the caller's transaction, on a conference locked by `lockConference`: one version
 * per event, each chained to the previous version of its stream, the audit line and the outbox. The
 * same for every writer (meeting service, worker). Returns the deltas as clients will receive them.
 */
export async function writeChange(em: EntityManager, conference: ConferenceEntity, change: ChangeRecord, now: Date): Promise<ConferenceDelta[]> {
  if (change.actor.kind === 'nobody' && change.audit) throw new Error('a change made by nobody leaves no audit line');
  if (change.actor.kind !== 'nobody' && !change.audit) throw new Error('a change with an actor needs its audit line');
  const deltas: ConferenceDelta[] = [];
  const chained = [...new Set(change.events.filter((e) => !e.state).map((e) => streamOf(e.audience)))];
  const lastOf = await lastVersions(em, conference.id, chained);
  for (const { audience, state, ...body } of change.events) {
    const stream = streamOf(audience);
    let prev: number | null = null;
    if (!state) prev = lastOf.get(stream) ?? 0;
    conference.version += 1;
    if (!state) lastOf.set(stream, conference.version);
    deltas.push({ version: conference.version, prev, stream, at: now.toISOString(), ...body } as ConferenceDelta);
  }
  if (deltas.length) {
    await em.insert(ConferenceEventEntity, deltas.map((d) => ({
      conferenceId: conference.id, version: d.version, stream: d.stream, prev: d.prev, type: d.type, data: d.data as never, createdAt: now,
    })));
    await em.update(ConferenceEntity, { id: conference.id }, { version: conference.version });
  }
  if (change.audit) {
    await em.insert(AuditEntryEntity, {
      conferenceId: conference.id, actorUserId: change.actor.kind === 'user' ? change.actor.userId : null,
      action: change.audit.action, details: change.audit.details as never, at: now,
    });
  }
  if (change.outbox?.length) {
    await em.insert(OutboxMessageEntity, change.outbox.map((item) => ({
      conferenceId: conference.id, kind: item.kind, payload: item.payload as never,
      target: item.kind === 'redis' ? item.channel : `${item.queue}/${item.name}`,
    })));
  }
  return deltas;
}

/**
 * The previous *chained* delta of each stream, in one round trip however many streams a change
 * touches (a grant tells every queued site its new place): each is one probe of the partial index.
 * State deltas (the totals, `prev` null) share the conference stream but are coalesced, so most never
 * reach a client: chaining to one would make every client see a gap and resync.
 */
async function lastVersions(em: EntityManager, conferenceId: string, streams: string[]): Promise<Map<string, number | null>> {
  if (streams.length === 0) return new Map();
  const rows = await em.query(
    `SELECT s.stream, (SELECT max(e.version) FROM conference_events e
                        WHERE e.conference_id = $1 AND e.stream = s.stream AND e.prev IS NOT NULL) AS v
       FROM unnest($2::varchar[]) AS s(stream)`,
    [conferenceId, streams],
  ) as { stream: string; v: number | null }[];
  return new Map(rows.map((r) => [r.stream, r.v]));
}
