import type { BallotReceipt, OpenVoteTally, PollElectorate, PollTurnout, PollView, PollVoterView, VoteChoice } from '@hoinghi/contracts';
import { isSecretPoll } from '@hoinghi/contracts';
import { In, type EntityManager } from 'typeorm';
import { PollEntity, PollResultEntity } from '../entities/poll.entity';

/** Two-key advisory lock class of polls: ballots hold it shared, closing takes it exclusive. */
export const POLL_LOCK_CLASS = 7301;

/** Polls as their viewers read them, and the poll's own tables (the meeting service and the worker alike). */
export const polls = {
  async views(em: EntityManager, list: PollEntity[]): Promise<PollView[]> {
    if (!list.length) return [];
    const ids = list.map((p) => p.id);
    const voted = new Map((await em.query(
      'SELECT poll_id AS "pollId", count(*)::int AS n FROM poll_voters WHERE poll_id = ANY($1) GROUP BY poll_id', [ids],
    ) as { pollId: string; n: number }[]).map((r) => [r.pollId, r.n]));
    const results = new Map((await em.find(PollResultEntity, { where: { pollId: In(ids) } })).map((r) => [r.pollId, r.result]));
    return list.map((p) => ({
      id: p.id, agendaItemId: p.agendaItemId, kind: p.kind, secret: isSecretPoll(p.kind), title: p.title, labels: p.labels, options: p.options,
      maxChoices: p.maxChoices, base: p.base, threshold: p.threshold, quorumNumerator: p.quorumNumerator, quorumDenominator: p.quorumDenominator,
      allowLateVoters: p.allowLateVoters, status: p.status, electorate: electorateOf(p),
      turnout: { pollId: p.id, voted: voted.get(p.id) ?? 0, electorate: p.electorate ?? 0 },
      openedAt: p.openedAt?.toISOString() ?? null, closedAt: p.closedAt?.toISOString() ?? null, result: results.get(p.id) ?? null,
      runoffOf: p.runoffOf ?? null,
    }));
  },

  async view(em: EntityManager, poll: PollEntity): Promise<PollView> {
    return (await polls.views(em, [poll]))[0];
  },

  /**
   * Freezes the electorate on the poll: every delegate with a right to vote, whether present now
   * (checked in, on time or late, and not out) and whether absent with a reason. Returns the counts.
   */
  async freezeElectorate(em: EntityManager, poll: PollEntity): Promise<PollElectorate> {
    const [counts] = await em.query(
      `WITH frozen AS (
         INSERT INTO poll_electors (poll_id, participant_id, site_id, present_at_open, excused)
         SELECT $1, p.id, p.site_id,
                coalesce(r.status IN ('present', 'late') AND r.checked_out_at IS NULL, false),
                coalesce(r.status = 'absent' AND coalesce(trim(r.reason), '') <> '', false)
           FROM participants p LEFT JOIN attendance_records r ON r.participant_id = p.id AND r.conference_id = p.conference_id
          WHERE p.conference_id = $2 AND p.role = 'delegate' AND p.voting_right
         RETURNING present_at_open, excused)
       SELECT count(*)::int AS electorate, count(*) FILTER (WHERE excused)::int AS excused, count(*) FILTER (WHERE present_at_open)::int AS "presentAtOpen" FROM frozen`,
      [poll.id, poll.conferenceId],
    ) as PollElectorate[];
    return counts;
  },

  async turnout(em: EntityManager, poll: PollEntity): Promise<PollTurnout> {
    const [{ n }] = await em.query('SELECT count(*)::int AS n FROM poll_voters WHERE poll_id = $1', [poll.id]) as { n: number }[];
    return { pollId: poll.id, voted: n, electorate: poll.electorate ?? 0 };
  },

  /** An open vote's counts overall and per site (secret ballots have no tally before the count). */
  async openTally(em: EntityManager, pollId: string): Promise<OpenVoteTally> {
    const rows = await em.query(
      `SELECT e.site_id AS "siteId", count(*)::int AS electors, count(v.participant_id)::int AS voted,
              count(*) FILTER (WHERE v.choice = 'yes')::int AS yes, count(*) FILTER (WHERE v.choice = 'no')::int AS no,
              count(*) FILTER (WHERE v.choice = 'abstain')::int AS abstain
         FROM poll_electors e LEFT JOIN poll_voters v ON v.poll_id = e.poll_id AND v.participant_id = e.participant_id
        WHERE e.poll_id = $1 GROUP BY e.site_id ORDER BY e.site_id`,
      [pollId],
    ) as Array<{ siteId: string; electors: number; voted: number } & Record<VoteChoice, number>>;
    const counts = { yes: 0, no: 0, abstain: 0 };
    for (const r of rows) for (const c of ['yes', 'no', 'abstain'] as const) counts[c] += r[c];
    return { pollId, counts, perSite: rows.map((r) => ({ siteId: r.siteId, electors: r.electors, voted: r.voted, counts: { yes: r.yes, no: r.no, abstain: r.abstain } })) };
  },

  /** The viewer's own receipts in a conference's polls. */
  async receipts(em: EntityManager, conferenceId: string, userId: string): Promise<BallotReceipt[]> {
    const rows = await em.query(
      `SELECT v.receipt_id AS "receiptId", v.poll_id AS "pollId" FROM poll_voters v
         JOIN polls p ON p.id = v.poll_id JOIN participants pa ON pa.id = v.participant_id
        WHERE p.conference_id = $1 AND pa.user_id = $2 ORDER BY p.created_at`,
      [conferenceId, userId],
    ) as Array<{ receiptId: string; pollId: string }>;
    return rows.map((r) => ({ ...r, status: 'recorded' as const }));
  },

  /** The electors (of one site, or all) and whether they voted; what they chose only for open votes and when asked. */
  async voters(em: EntityManager, poll: PollEntity, siteId: string | null, withChoices: boolean): Promise<PollVoterView[]> {
    const rows = await em.query(
      `SELECT e.participant_id AS "participantId", u.full_name AS "fullName", e.site_id AS "siteId", (v.participant_id IS NOT NULL) AS voted, v.choice
         FROM poll_electors e JOIN participants pa ON pa.id = e.participant_id JOIN users u ON u.id = pa.user_id
         LEFT JOIN poll_voters v ON v.poll_id = e.poll_id AND v.participant_id = e.participant_id
        WHERE e.poll_id = $1 AND ($2::uuid IS NULL OR e.site_id = $2) ORDER BY u.full_name, e.participant_id`,
      [poll.id, siteId],
    ) as Array<PollVoterView & { choice: VoteChoice | null }>;
    const choices = withChoices && !isSecretPoll(poll.kind);
    return rows.map(({ choice, ...r }) => (choices && choice ? { ...r, choice } : r));
  },
};

function electorateOf(p: PollEntity): PollElectorate | null {
  return p.electorate === null ? null : { electorate: p.electorate, excused: p.excused ?? 0, presentAtOpen: p.presentAtOpen ?? 0 };
}
