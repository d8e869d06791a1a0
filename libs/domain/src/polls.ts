import {
  CHOICE_LABELS, CONFIDENCE_LEVELS, POLL_LIMITS, VOTE_CHOICES,
  type Ballot, type CastBallotRequest, type ConfidenceLevel, type ConfidenceOfficialResult, type ElectionResult, type PollBase,
  type PollElectorate, type PollKind, type PollOption, type PollResult, type PollStatus, type PollThreshold, type VoteChoice,
} from '@hoinghi/contracts';
import { conflict, invalid } from './errors';
import { quorumOf, type QuorumRule } from './quorum';

// The Party's rules on votes as plain functions: what a share is a share of (the base), when a share
// is enough (the threshold), when a poll may open (the quorum), what a valid ballot is, and the
// result of each kind. Whole-number arithmetic only: a threshold is never decided by a float.

export const DEFAULT_POLL_BASE: PollBase = 'electorate';
export const DEFAULT_POLL_THRESHOLD: PollThreshold = 'more_than_half';

/** The facts a base is chosen from (frozen at opening, plus what voting added). */
export interface BaseFacts extends PollElectorate {
  /** Late voters who voted: present, though not at opening. */
  lateVoters: number;
  /** Ballots counted. */
  cast: number;
}

export function baseCount(base: PollBase, facts: BaseFacts): number {
  switch (base) {
    case 'electorate':
      return facts.electorate;
    case 'electorate_minus_excused':
      return facts.electorate - facts.excused;
    case 'present':
      return facts.presentAtOpen + facts.lateVoters;
    case 'votes_cast':
      return facts.cast;
  }
}

/** Least votes that meet the threshold of `base`: > 1/2 is ⌊base/2⌋+1, ≥ 2/3 is ⌈2·base/3⌉. Base 0: unreachable. */
export function requiredVotes(base: number, threshold: PollThreshold): number {
  if (base <= 0) return Infinity;
  return threshold === 'more_than_half' ? Math.floor(base / 2) + 1 : Math.floor((2 * base + 2) / 3);
}

/** `votes` meets the threshold of `base` (2·v > b, or 3·v ≥ 2·b; never with an empty base). */
export function meetsThreshold(votes: number, base: number, threshold: PollThreshold): boolean {
  if (base <= 0) return false;
  return threshold === 'more_than_half' ? 2 * votes > base : 3 * votes >= 2 * base;
}

/** A share of the base for display, 0–100 with two decimals (0 for an empty base). */
export function percentOf(count: number, base: number): number {
  return base > 0 ? Math.round((count * 10000) / base) / 100 : 0;
}

/** A poll opens only when enough of its electorate is present (the quorum rule of the poll, 2/3 usually). */
export function assertQuorumToOpen(electorate: number, present: number, rule: QuorumRule): void {
  const quorum = quorumOf(electorate, present, rule);
  if (quorum.reached) return;
  throw conflict('QUORUM_NOT_MET', electorate === 0
    ? 'Nobody with a right to vote is convened, so the poll cannot open.'
    : `The poll cannot open: ${present} of ${electorate} voters are present, ${quorum.required} are needed (${rule.numerator}/${rule.denominator}).`);
}

// ── Polls as defined ────────────────────────────────────────────────────────────────────────────────

/** What a poll's ballots and result depend on. */
export interface PollRules {
  kind: PollKind;
  options: PollOption[];
  maxChoices: number;
  base: PollBase;
  threshold: PollThreshold;
}

export interface PollDefinition {
  kind: PollKind;
  options?: string[];
  maxChoices?: number;
}

/** Checks a new poll's options and seats; returns the trimmed option labels and the seats (1 for the others). */
export function definePoll(request: PollDefinition): { options: string[]; maxChoices: number } {
  const options = (request.options ?? []).map((o) => o.trim());
  if (request.kind === 'open') {
    if (options.length) throw invalid('POLL_DEFINITION_INVALID', 'must be left out for an open vote (its choices are yes, no, abstain)', 'options');
    if (request.maxChoices !== undefined && request.maxChoices !== 1) throw invalid('POLL_DEFINITION_INVALID', 'must be 1 or left out for an open vote', 'maxChoices');
    return { options: [], maxChoices: 1 };
  }
  if (options.length === 0) {
    throw invalid('POLL_DEFINITION_INVALID', request.kind === 'confidence' ? 'must list the officials to rate' : 'must list the candidates', 'options');
  }
  if (options.length > POLL_LIMITS.options) throw invalid('POLL_DEFINITION_INVALID', `must have at most ${POLL_LIMITS.options} entries`, 'options');
  options.forEach((label, i) => {
    if (!label) throw invalid('POLL_DEFINITION_INVALID', 'must not be empty', `options.${i}`);
    if (label.length > POLL_LIMITS.optionChars) throw invalid('POLL_DEFINITION_INVALID', `must be at most ${POLL_LIMITS.optionChars} characters`, `options.${i}`);
    if (options.indexOf(label) !== i) throw invalid('POLL_DEFINITION_INVALID', `repeats options.${options.indexOf(label)}`, `options.${i}`);
  });
  if (request.kind === 'confidence') {
    if (request.maxChoices !== undefined && request.maxChoices !== 1) throw invalid('POLL_DEFINITION_INVALID', 'must be 1 or left out for a confidence ballot', 'maxChoices');
    return { options, maxChoices: 1 };
  }
  const seats = request.maxChoices ?? 1;
  if (!Number.isInteger(seats) || seats < 1 || seats > options.length) {
    throw invalid('POLL_DEFINITION_INVALID', `must be a whole number from 1 to the number of candidates (${options.length})`, 'maxChoices');
  }
  return { options, maxChoices: seats };
}

/** Ballots are taken only while the poll is open. */
export function assertPollOpen(status: PollStatus): void {
  if (status === 'open') return;
  throw conflict('POLL_NOT_OPEN', status === 'draft' ? 'This poll has not been opened yet.' : 'This poll is closed: no more ballots are taken.');
}

/** draft → open → closed → published; the chair opens and closes, the count publishes. */
export function nextPollStatus(status: PollStatus, action: 'open' | 'close' | 'publish'): PollStatus {
  if (action === 'open' && status === 'draft') return 'open';
  if (action === 'close' && status === 'open') return 'closed';
  if (action === 'publish' && status === 'closed') return 'published';
  throw conflict('POLL_WRONG_STATE', {
    open: status === 'open' ? 'This poll is already open.' : 'A poll that has been closed cannot be opened again; create a new one.',
    close: 'This poll is not open, so it cannot be closed.',
    publish: 'Only a closed poll is counted and published.',
  }[action]);
}

// ── Ballots ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * The ballot a request makes for this poll, or a 400 naming the field: exactly the field of the poll's
 * kind; an open vote one choice; a confidence ballot every official rated exactly once (it cannot be
 * spoiled); an election at most `maxChoices` distinct candidates of the poll (none is a blank ballot).
 */
export function validateBallot(poll: Pick<PollRules, 'kind' | 'options' | 'maxChoices'>, request: Omit<CastBallotRequest, 'idempotencyKey'>): Ballot {
  const present = (['choice', 'ratings', 'selected'] as const).filter((f) => request[f] !== undefined);
  const wanted = ({ open: 'choice', confidence: 'ratings', election: 'selected' } as const)[poll.kind];
  for (const field of present) if (field !== wanted) throw invalid('BALLOT_INVALID', `is not part of a ballot in this poll (it takes ${wanted})`, field);
  if (!present.includes(wanted)) throw invalid('BALLOT_INVALID', 'is required', wanted);
  const known = new Set(poll.options.map((o) => o.id));
  switch (poll.kind) {
    case 'open': {
      if (!VOTE_CHOICES.includes(request.choice as VoteChoice)) throw invalid('BALLOT_INVALID', `must be one of ${VOTE_CHOICES.join(', ')}`, 'choice');
      return { kind: 'open', choice: request.choice! };
    }
    case 'confidence': {
      const ratings: Record<string, ConfidenceLevel> = {};
      const given = request.ratings;
      if (!Array.isArray(given)) throw invalid('BALLOT_INVALID', 'must be a list of ratings', 'ratings');
      given.forEach((rating, i) => {
        if (!known.has(rating?.optionId as string)) throw invalid('BALLOT_INVALID', 'names no official of this poll', `ratings.${i}.optionId`);
        if (ratings[rating.optionId]) throw invalid('BALLOT_INVALID', 'rates an official a second time', `ratings.${i}.optionId`);
        if (!CONFIDENCE_LEVELS.includes(rating.level)) throw invalid('BALLOT_INVALID', `must be one of ${CONFIDENCE_LEVELS.join(', ')}`, `ratings.${i}.level`);
        ratings[rating.optionId] = rating.level;
      });
      const missing = poll.options.filter((o) => !ratings[o.id]);
      if (missing.length) throw invalid('BALLOT_INVALID', `must rate every official: ${missing.map((o) => o.label).join(', ')} not rated`, 'ratings');
      return { kind: 'confidence', ratings: Object.fromEntries(poll.options.map((o) => [o.id, ratings[o.id]])) };
    }
    case 'election': {
      const selected = request.selected;
      if (!Array.isArray(selected)) throw invalid('BALLOT_INVALID', 'must be a list of candidates', 'selected');
      selected.forEach((id, i) => {
        if (!known.has(id)) throw invalid('BALLOT_INVALID', 'names no candidate of this poll', `selected.${i}`);
        if (selected.indexOf(id) !== i) throw invalid('BALLOT_INVALID', `repeats selected.${selected.indexOf(id)}`, `selected.${i}`);
      });
      if (selected.length > poll.maxChoices) throw invalid('BALLOT_INVALID', `must choose at most ${poll.maxChoices}`, 'selected');
      return { kind: 'election', selected: poll.options.map((o) => o.id).filter((id) => selected.includes(id)) };
    }
  }
}

// ── Counting ────────────────────────────────────────────────────────────────────────────────────────

/**
 * What ballots add up to, keyed so that counters can be summed in SQL or in memory alike: an open vote
 * by choice (`yes`), a confidence ballot by official and level (`<optionId>:low`), an election by
 * candidate (`<optionId>`).
 */
export type BallotCounts = Record<string, number>;

export function countKeys(ballot: Ballot): string[] {
  switch (ballot.kind) {
    case 'open':
      return [ballot.choice];
    case 'confidence':
      return Object.entries(ballot.ratings).map(([id, level]) => `${id}:${level}`);
    case 'election':
      return ballot.selected;
  }
}

export function countBallots(ballots: Ballot[]): BallotCounts {
  const counts: BallotCounts = {};
  for (const ballot of ballots) for (const key of countKeys(ballot)) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

const ZERO_CHOICES = (): Record<VoteChoice, number> => ({ yes: 0, no: 0, abstain: 0 });
const ZERO_LEVELS = (): Record<ConfidenceLevel, number> => ({ high: 0, medium: 0, low: 0 });

/** An open vote's counts by choice. */
export function choiceCounts(counts: BallotCounts): Record<VoteChoice, number> {
  const out = ZERO_CHOICES();
  for (const choice of VOTE_CHOICES) out[choice] = counts[choice] ?? 0;
  return out;
}

/**
 * The result of a closed poll from its counts: the base and the least votes that meet the threshold,
 * then per kind — an open vote passes with `yes` meeting it; each official of a confidence ballot is
 * flagged at more than half and at two thirds or more rated low (those thresholds are the Party's,
 * whatever the poll's); an election elects, by descending votes up to the seats, those meeting the
 * threshold, and a tie at the last seat is reported, not decided.
 */
export function pollResult(poll: PollRules, counts: BallotCounts, facts: BaseFacts): PollResult {
  const base = baseCount(poll.base, facts);
  const rule = { base: poll.base, threshold: poll.threshold, baseCount: base, required: requiredVotes(base, poll.threshold) };
  if (!Number.isFinite(rule.required)) rule.required = 0;
  const common = { cast: facts.cast, electorate: { electorate: facts.electorate, excused: facts.excused, presentAtOpen: facts.presentAtOpen }, lateVoters: facts.lateVoters };
  switch (poll.kind) {
    case 'open': {
      const byChoice = choiceCounts(counts);
      const percents = ZERO_CHOICES();
      for (const choice of VOTE_CHOICES) percents[choice] = percentOf(byChoice[choice], base);
      return { kind: 'open', ...rule, ...common, counts: byChoice, percents, passed: meetsThreshold(byChoice.yes, base, poll.threshold) };
    }
    case 'confidence': {
      const officials: ConfidenceOfficialResult[] = poll.options.map((o) => {
        const byLevel = ZERO_LEVELS();
        const percents = ZERO_LEVELS();
        for (const level of CONFIDENCE_LEVELS) {
          byLevel[level] = counts[`${o.id}:${level}`] ?? 0;
          percents[level] = percentOf(byLevel[level], base);
        }
        return {
          optionId: o.id, label: o.label, counts: byLevel, percents,
          lowOverHalf: meetsThreshold(byLevel.low, base, 'more_than_half'),
          lowTwoThirds: meetsThreshold(byLevel.low, base, 'two_thirds'),
        };
      });
      return { kind: 'confidence', ...rule, ...common, officials };
    }
    case 'election':
      return { kind: 'election', ...rule, ...common, ...elect(poll, counts, base) };
  }
}

function elect(poll: PollRules, counts: BallotCounts, base: number): Pick<ElectionResult, 'seats' | 'candidates' | 'tie'> {
  const seats = poll.maxChoices;
  const ranked = poll.options
    .map((o, order) => ({ optionId: o.id, label: o.label, votes: counts[o.id] ?? 0, percent: percentOf(counts[o.id] ?? 0, base), order }))
    .sort((a, b) => b.votes - a.votes || a.order - b.order);
  const qualified = ranked.filter((c) => meetsThreshold(c.votes, base, poll.threshold));
  const outcome = new Map<string, ElectionResult['candidates'][number]['outcome']>();
  let tie: ElectionResult['tie'] = null;
  if (qualified.length <= seats) {
    for (const c of qualified) outcome.set(c.optionId, 'elected');
  } else {
    // The candidate in the last seat and everyone with as many votes are tied unless all of them fit.
    const last = qualified[seats - 1].votes;
    const above = qualified.filter((c) => c.votes > last);
    const level = qualified.filter((c) => c.votes === last);
    for (const c of above) outcome.set(c.optionId, 'elected');
    const left = seats - above.length;
    if (level.length <= left) for (const c of level) outcome.set(c.optionId, 'elected');
    else {
      for (const c of level) outcome.set(c.optionId, 'tied');
      tie = { optionIds: level.map((c) => c.optionId), seats: left };
    }
  }
  const candidates = ranked.map(({ order: _order, ...c }) => ({ ...c, outcome: outcome.get(c.optionId) ?? ('not_elected' as const) }));
  return { seats, candidates, tie };
}

/** What a re-vote is made from: the tied election's title, candidates and published result. */
export interface TiedElection {
  kind: PollKind;
  status: PollStatus;
  title: string;
  options: PollOption[];
}

/**
 * The re-vote that resolves a tie at the last seat(s) of an election (the Party's rule: the body votes
 * again among the tied candidates): a new election of only them, for the seats the tie left open.
 * 409 when the poll has no tie to resolve: not an election, not published yet, or all its seats clear.
 */
export function runoffOf(poll: TiedElection, result: PollResult | null, title?: string): { title: string; options: string[]; maxChoices: number } {
  if (poll.kind !== 'election') throw conflict('POLL_NO_TIE', 'Only an election can have a tie at the last seat to vote again on.');
  if (poll.status !== 'published' || result?.kind !== 'election') throw conflict('POLL_NO_TIE', 'The election has not been counted yet: a tie is known only from its published result.');
  if (!result.tie) throw conflict('POLL_NO_TIE', 'This election has no tie at the last seat: its result decides every seat.');
  const tied = new Set(result.tie.optionIds);
  const chosen = title?.trim() || `Bầu lại: ${poll.title}`;
  return {
    // In the order of the ballot the body saw; the tied are equal in votes anyway.
    title: chosen.length > POLL_LIMITS.titleChars ? `${chosen.slice(0, POLL_LIMITS.titleChars - 1)}…` : chosen,
    options: poll.options.filter((o) => tied.has(o.id)).map((o) => o.label),
    maxChoices: result.tie.seats,
  };
}

/** An open vote's words, from the label set (the poll keeps its own copy: labels are data). */
export const labelsOf = (set: keyof typeof CHOICE_LABELS = 'party') => ({ ...CHOICE_LABELS[set] });


// ── Ballot codes ────────────────────────────────────────────────────────────────────────────────────

const CHOICE_CODE: Record<VoteChoice, string> = { yes: 'y', no: 'n', abstain: 'a' };
const LEVEL_CODE: Record<ConfidenceLevel, string> = { high: 'h', medium: 'm', low: 'l' };
const invert = <K extends string>(map: Record<K, string>) => Object.fromEntries(Object.entries(map).map(([k, v]) => [v, k])) as Record<string, K>;
const CHOICE_OF = invert(CHOICE_CODE);
const LEVEL_OF = invert(LEVEL_CODE);

/**
 * A ballot as a short code of the same length for every ballot of a poll (so not even the length of
 * a sealed ballot says anything): an open vote one letter (`y`, `n`, `a`); a confidence ballot one
 * letter per official in the poll's order (`h`, `m`, `l`); an election one digit per candidate (`1` chosen).
 */
export function encodeBallot(poll: Pick<PollRules, 'options'>, ballot: Ballot): string {
  switch (ballot.kind) {
    case 'open':
      return CHOICE_CODE[ballot.choice];
    case 'confidence':
      return poll.options.map((o) => LEVEL_CODE[ballot.ratings[o.id]]).join('');
    case 'election':
      return poll.options.map((o) => (ballot.selected.includes(o.id) ? '1' : '0')).join('');
  }
}

/** The ballot a code stands for; throws on a code that no valid ballot of this poll makes. */
export function decodeBallot(poll: Pick<PollRules, 'kind' | 'options' | 'maxChoices'>, code: string): Ballot {
  const broken = () => new Error(`a ballot code that does not fit poll of kind ${poll.kind}`);
  switch (poll.kind) {
    case 'open': {
      const choice = CHOICE_OF[code];
      if (!choice) throw broken();
      return { kind: 'open', choice };
    }
    case 'confidence': {
      if (code.length !== poll.options.length) throw broken();
      const ratings: Record<string, ConfidenceLevel> = {};
      poll.options.forEach((o, i) => {
        const level = LEVEL_OF[code[i]];
        if (!level) throw broken();
        ratings[o.id] = level;
      });
      return { kind: 'confidence', ratings };
    }
    case 'election': {
      if (code.length !== poll.options.length || /[^01]/.test(code)) throw broken();
      const selected = poll.options.filter((_, i) => code[i] === '1').map((o) => o.id);
      if (selected.length > poll.maxChoices) throw broken();
      return { kind: 'election', selected };
    }
  }
}
