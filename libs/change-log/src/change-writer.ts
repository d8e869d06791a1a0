import type { Audience, ConferenceDelta, DeltaBody } from '@hoinghi/contracts';
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
 * same for every writer (meeting service, worker). Returns the deltas as clients will receive them.
 */
export function writeChange(em: EntityManager, conference: ConferenceEntity, change: ChangeRecord, now: Date): Promise<ConferenceDelta[]> {
  return writeChanges(em, conference, [change], now);
}

/**
 * Several changes committed together (a group of check-ins): as `writeChange` for each, in one
 * statement, except that a state delta (the totals) is written only as the last change left it.
 */
export async function writeChanges(em: EntityManager, conference: ConferenceEntity, changes: ChangeRecord[], now: Date): Promise<ConferenceDelta[]> {
  for (const change of changes) {
    if (change.actor.kind === 'nobody' && change.audit) throw new Error('a change made by nobody leaves no audit line');
    if (change.actor.kind !== 'nobody' && !change.audit) throw new Error('a change with an actor needs its audit line');
  }
  const events = latestStates(changes.flatMap((change) => change.events));
  const audits = changes.filter((change) => change.audit).map((change) => ({
    userId: change.actor.kind === 'user' ? change.actor.userId : null, ...change.audit!,
  }));
  const outbox = changes.flatMap((change) => change.outbox ?? []);
  const deltas: ConferenceDelta[] = [];
  const chained = [...new Set(events.filter((e) => !e.state).map((e) => streamOf(e.audience)))];
  const lastOf = await lastVersions(em, conference.id, chained);
  for (const { audience, state, ...body } of events) {
    const stream = streamOf(audience);
    let prev: number | null = null;
    if (!state) prev = lastOf.get(stream) ?? 0;
    conference.version += 1;
    if (!state) lastOf.set(stream, conference.version);
    deltas.push({ version: conference.version, prev, stream, at: now.toISOString(), ...body } as ConferenceDelta);
  }
  await em.query(WRITE_CHANGE, [
    conference.id, now, conference.version,
    deltas.map((d) => d.version), deltas.map((d) => d.stream), deltas.map((d) => d.prev), deltas.map((d) => d.type),
    deltas.map((d) => JSON.stringify(d.data)),
    audits.map((a) => a.userId), audits.map((a) => a.action), audits.map((a) => JSON.stringify(a.details)),
    outbox.map((item) => item.kind),
    outbox.map((item) => (item.kind === 'redis' ? item.channel : `${item.queue}/${item.name}`)),
    outbox.map((item) => JSON.stringify(item.payload)),
  ]);
  return deltas;
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
 */
const WRITE_CHANGE = `
  WITH events AS (
    INSERT INTO conference_events (conference_id, version, stream, prev, type, data, created_at)
    SELECT $1, e.version, e.stream, e.prev, e.type, e.data, $2
      FROM unnest($4::int[], $5::varchar[], $6::int[], $7::varchar[], $8::jsonb[]) AS e(version, stream, prev, type, data)
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
    SELECT $1, o.kind, o.target, o.payload FROM unnest($12::varchar[], $13::varchar[], $14::jsonb[]) AS o(kind, target, payload)
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM version) AS version,
         (SELECT count(*) FROM audit) AS audit, (SELECT count(*) FROM outbox) AS outbox`;

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
