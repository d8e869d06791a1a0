import type { Audience, AuditAction, DeltaBody } from '@hoinghi/contracts';
import { streamOf } from '@hoinghi/contracts';
import { ConferenceEntity } from '@hoinghi/database';
import type { EntityManager } from 'typeorm';

/**
 * Who made a change: a person, the platform itself (the worker, the media gateway), or nobody — a
 * secret ballot, which must leave no actor, no per-voter delta and no audit line.
 */
export type Actor = { kind: 'user'; userId: string } | { kind: 'platform' } | { kind: 'nobody' };

/** One delta to record, with who may see it. `state`: it carries a whole state (totals); newest wins, may be coalesced. */
export type ChangeEvent = DeltaBody & { audience: Audience; state?: boolean };

/**
 * A side effect delivered after commit by the relay: a Redis message, or a queue job. An `immediate`
 * Redis message (the floor events: a switch is waiting for it) is published by the committing process
 * the moment its change commits (`ChangeRelay.publishNow`), the relay delivering it only if that failed;
 * its payload gets the change's version as `version`, so a receiver can drop a second or late copy.
 */
export type OutboxItem =
  | { kind: 'redis'; channel: string; payload: object; immediate?: boolean }
  | { kind: 'job'; queue: string; name: string; payload: object };

/** An immediate Redis message of a change, as written: what the committing process publishes after commit. */
export interface ImmediateMessage {
  /** The outbox row's id. */
  id: string;
  conferenceId: string;
  channel: string;
  payload: object;
}

export interface ChangeRecord {
  actor: Actor;
  events: ChangeEvent[];
  /** Required unless the actor is nobody, and refused then. */
  audit?: { action: AuditAction; details: Record<string, unknown> };
  outbox?: OutboxItem[];
}

/**
 * Locks the conference row for the rest of the transaction: changes to one conference are serialised.
 * FOR NO KEY UPDATE, not FOR UPDATE: rows that reference the conference (a check-in's record, written
 * before the lock) take a key-share lock on it, which FOR UPDATE would wait for — two check-ins would
 * deadlock, each holding the other's key share.
 */
export function lockConference(em: EntityManager, conferenceId: string): Promise<ConferenceEntity | null> {
  return em.findOne(ConferenceEntity, { where: { id: conferenceId }, lock: { mode: 'for_no_key_update' } });
}

/**
 * Records a change in the caller's transaction, on a conference locked by `lockConference`: one version
 * per event, each chained to the previous version of its stream, the audit line and the outbox. The
 * same for every writer (meeting service, worker).
 */
export function writeChange(em: EntityManager, conference: ConferenceEntity, change: ChangeRecord, now: Date): Promise<ImmediateMessage[]> {
  return writeChanges(em, conference, [change], now);
}

/**
 * Several changes committed together (a group of check-ins): as `writeChange` for each, in one
 * statement, except that a state delta (the totals) is written only as the last change left it.
 */
export async function writeChanges(em: EntityManager, conference: ConferenceEntity, changes: ChangeRecord[], now: Date): Promise<ImmediateMessage[]> {
  for (const change of changes) {
    if (change.actor.kind === 'nobody' && change.audit) throw new Error('a change made by nobody leaves no audit line');
    if (change.actor.kind !== 'nobody' && !change.audit) throw new Error('a change with an actor needs its audit line');
  }
  const events = latestStates(changes.flatMap((change) => change.events));
  const audits = changes.filter((change) => change.audit).map((change) => ({
    userId: change.actor.kind === 'user' ? change.actor.userId : null, ...change.audit!,
  }));
  const first = conference.version + 1;
  const outbox = changes.flatMap((change) => change.outbox ?? []).map((item) => {
    if (item.kind !== 'redis' || !item.immediate) return item;
    // Without a delta the next change would get the same version, and a receiver could not order them.
    if (!events.length) throw new Error('a change with an immediate message records at least one delta');
    return { ...item, payload: { ...item.payload, version: first } };
  });
  conference.version += events.length;
  const [written] = await em.query(WRITE_CHANGE, [
    conference.id, now, conference.version,
    events.map((_, i) => first + i), events.map((e) => streamOf(e.audience)), events.map((e) => !e.state), events.map((e) => e.type),
    events.map((e) => JSON.stringify(e.data)),
    audits.map((a) => a.userId), audits.map((a) => a.action), audits.map((a) => JSON.stringify(a.details)),
    outbox.map((item) => item.kind),
    outbox.map((item) => (item.kind === 'redis' ? item.channel : `${item.queue}/${item.name}`)),
    outbox.map((item) => JSON.stringify(item.payload)),
  ]) as Array<{ outboxIds: string[] | null }>;
  const ids = written.outboxIds ?? []; // in the order of `outbox` (inserted in that order)
  return outbox.flatMap((item, i) => (item.kind === 'redis' && item.immediate
    ? [{ id: String(ids[i]), conferenceId: conference.id, channel: item.channel, payload: item.payload }]
    : []));
}

/** A state delta carries a whole state: only the last of each stream and type is worth a version. */
function latestStates(events: ChangeEvent[]): ChangeEvent[] {
  const last = new Map<string, ChangeEvent>();
  for (const event of events) if (event.state) last.set(`${streamOf(event.audience)}|${event.type}`, event);
  return events.filter((event) => !event.state || last.get(`${streamOf(event.audience)}|${event.type}`) === event);
}

/**
 * The deltas, the conference's version, the audit line and the outbox in one statement: a change
 * holds the conference's lock, so every round trip under it is one more wait for every writer queued
 * behind it (at 100 check-ins a second the lock is the bottleneck, see docs/benchmarks.md).
 *
 * Each chained delta's `prev` is the previous chained delta of its stream: in this change (lag), or
 * else the newest in the log, one probe of the partial index per stream. State deltas (the totals,
 * `prev` null) share the conference stream but are coalesced, so most never reach a client: chaining
 * to one would make every client see a gap and resync.
 */
const WRITE_CHANGE = `
  WITH input AS (
    SELECT * FROM unnest($4::int[], $5::varchar[], $6::boolean[], $7::varchar[], $8::jsonb[]) AS e(version, stream, chained, type, data)
  ), chained AS (
    SELECT e.*, CASE WHEN e.chained THEN COALESCE(
             lag(e.version) OVER (PARTITION BY e.stream, e.chained ORDER BY e.version),
             (SELECT max(x.version) FROM conference_events x WHERE x.conference_id = $1 AND x.stream = e.stream AND x.prev IS NOT NULL),
             0) END AS prev
      FROM input e
  ), events AS (
    INSERT INTO conference_events (conference_id, version, stream, prev, type, data, created_at)
    SELECT $1, e.version, e.stream, e.prev, e.type, e.data, $2 FROM chained e
    RETURNING 1
  ), version AS (
    UPDATE conferences SET version = $3 WHERE id = $1 AND cardinality($4::int[]) > 0 RETURNING 1
  ), audit AS (
    INSERT INTO audit_entries (conference_id, actor_user_id, action, details, at)
    SELECT $1, a.actor, a.action, a.details, $2
      FROM unnest($9::uuid[], $10::varchar[], $11::jsonb[]) AS a(actor, action, details)
    RETURNING 1
  ), outbox AS (
    INSERT INTO outbox_messages (conference_id, kind, target, payload)
    SELECT $1, o.kind, o.target, o.payload FROM unnest($12::varchar[], $13::varchar[], $14::jsonb[]) WITH ORDINALITY AS o(kind, target, payload, n)
     ORDER BY o.n
    RETURNING id
  )
  SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM version) AS version,
         (SELECT count(*) FROM audit) AS audit, (SELECT array_agg(id ORDER BY id) FROM outbox) AS "outboxIds"`;
