import { Inject, Injectable } from '@nestjs/common';
import type { ChangeEvent } from '@hoinghi/change-log';
import { isSecretPoll, type CountPollResult, type TallyPollResult } from '@hoinghi/contracts';
import { PollEntity, PollResultEntity, polls } from '@hoinghi/database';
import { countBallots, decodeBallot, nextPollStatus, pollResult, type BallotCounts } from '@hoinghi/domain';
import { unsealBallot } from '@hoinghi/server-kit';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { WorkerChanges } from '../change-log/worker-changes.service';
import { WORKER_CONFIG, WorkerConfig } from '../config/worker-config';

/**
 * Turnout as ballots come, and the count once a poll is closed, both from PostgreSQL (the ballots are
 * committed before they are acknowledged), so running either twice, or after a crash, changes nothing.
 */
@Injectable()
export class PollCounter {
  constructor(private readonly changes: WorkerChanges, @Inject(WORKER_CONFIG) private readonly config: WorkerConfig) {}

  /**
   * Tells everyone how many have voted (and the leaders an open vote's tally), when it changed. Made by
   * nobody: no audit line, no actor — a turnout is not anyone's act.
   */
  tally(conferenceId: string, pollId: string): Promise<TallyPollResult | null> {
    return this.changes.run<TallyPollResult>(conferenceId, async (em) => {
      const poll = await em.findOne(PollEntity, { where: { id: pollId, conferenceId } });
      if (!poll || poll.status !== 'open') return null;
      const turnout = await polls.turnout(em, poll);
      if (turnout.voted === poll.voted) return { result: { voted: turnout.voted }, change: null };
      await em.update(PollEntity, { id: poll.id }, { voted: turnout.voted });
      const events: ChangeEvent[] = [{ audience: { kind: 'conference' }, type: 'poll.turnout', data: { turnout }, state: true }];
      if (poll.kind === 'open') events.push({ audience: { kind: 'leaders' }, type: 'poll.tally', data: { tally: await polls.openTally(em, poll.id) }, state: true });
      return { result: { voted: turnout.voted }, change: { actor: { kind: 'nobody' }, events } };
    });
  }

  /**
   * Counts a closed poll and publishes its result, once: under the poll's row lock, in one transaction.
   * A secret poll's sealed ballots are opened, written to `ballots` all at once in a random order (one
   * transaction id for all, no link to the order they came in) and removed from the ballot box.
   */
  count(conferenceId: string, pollId: string): Promise<CountPollResult | null> {
    return this.changes.run<CountPollResult>(conferenceId, async (em) => {
      const poll = await em.findOne(PollEntity, { where: { id: pollId, conferenceId }, lock: { mode: 'pessimistic_write' } });
      if (!poll || poll.status === 'draft' || poll.status === 'open') return null;
      if (poll.status === 'published') return { result: { cast: poll.voted, published: false }, change: null };
      const [{ voters, late }] = await em.query(
        'SELECT count(*)::int AS voters, count(*) FILTER (WHERE late)::int AS late FROM poll_voters WHERE poll_id = $1', [poll.id],
      ) as { voters: number; late: number }[];
      const counts = isSecretPoll(poll.kind) ? await this.openBallotBox(em, poll, voters) : await openVoteCounts(em, poll.id);
      const result = pollResult(poll, counts, {
        electorate: poll.electorate ?? 0, excused: poll.excused ?? 0, presentAtOpen: poll.presentAtOpen ?? 0, lateVoters: late, cast: voters,
      });
      await em.insert(PollResultEntity, { pollId: poll.id, result });
      poll.status = nextPollStatus(poll.status, 'publish');
      poll.voted = voters;
      await em.update(PollEntity, { id: poll.id }, { status: poll.status, voted: voters });
      const view = await polls.view(em, poll);
      return {
        result: { cast: voters, published: true },
        change: {
          actor: { kind: 'platform' },
          audit: { action: 'poll.publish', details: { pollId: poll.id, cast: voters } },
          events: [{ audience: { kind: 'conference' }, type: 'poll.changed', data: { poll: view } }],
        },
      };
    });
  }

  private async openBallotBox(em: EntityManager, poll: PollEntity, voters: number): Promise<BallotCounts> {
    const sealed = await em.query('SELECT sealed FROM ballot_box WHERE poll_id = $1', [poll.id]) as { sealed: Buffer }[];
    // Every voter mark was written with its ballot, in one transaction: anything else is a fault to stop at.
    if (sealed.length !== voters) throw new Error(`poll ${poll.id}: ${sealed.length} sealed ballots for ${voters} voters; not counting`);
    const keys = this.config.ballotSealKeys;
    const codes = sealed.map((row) => {
      const opened = unsealBallot(keys, poll.id, row.sealed);
      if (!opened) {
        throw new Error(`poll ${poll.id}: a sealed ballot opens with none of the worker's seal keys (${keys.map((k) => k.id).join(', ')}); `
          + 'not counting until the key that sealed it is back (BALLOT_SEAL_OLD_KEYS, docs/security.md)');
      }
      return opened.code;
    });
    const counts = countBallots(codes.map((code) => decodeBallot(poll, code)));
    shuffle(codes);
    await em.query('INSERT INTO ballots (poll_id, code) SELECT $1, c FROM unnest($2::varchar[]) WITH ORDINALITY AS t(c, n) ORDER BY n', [poll.id, codes]);
    await em.query('DELETE FROM ballot_box WHERE poll_id = $1', [poll.id]);
    return counts;
  }
}

async function openVoteCounts(em: EntityManager, pollId: string): Promise<BallotCounts> {
  const rows = await em.query('SELECT choice, count(*)::int AS n FROM poll_voters WHERE poll_id = $1 GROUP BY choice', [pollId]) as { choice: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.choice, r.n]));
}

/** Fisher–Yates with the system's random source. */
function shuffle<T>(list: T[]): void {
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
}
