// Votes and ballots (biểu quyết, bỏ phiếu): polls tied to agenda items, cast with an idempotency key,
// acknowledged with a receipt (202) once the ballot is durable in PostgreSQL, tallied by the worker.
// The rules of a poll (base, threshold, quorum, labels) are data on the poll; the arithmetic is in
// @hoinghi/domain (polls.ts).

/**
 * `open`: biểu quyết công khai (yes / no / abstain, the chair sees who voted what);
 * `confidence`: lấy phiếu tín nhiệm, secret, every listed official rated exactly once;
 * `election`: bầu cử bằng phiếu kín, secret, at most `maxChoices` of the candidates.
 */
export const POLL_KINDS = ['open', 'confidence', 'election'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

/** Kinds whose ballots must never be linked to their voter. */
export const SECRET_POLL_KINDS: readonly PollKind[] = ['confidence', 'election'];
export const isSecretPoll = (kind: PollKind) => SECRET_POLL_KINDS.includes(kind);

/**
 * What a share is a share of. `electorate` (default, the Party's rule): every member summoned with a
 * right to vote; `electorate_minus_excused`: less those absent with a reason; `present`: those present
 * (at opening, plus late voters who voted); `votes_cast`: the ballots counted.
 */
export const POLL_BASES = ['electorate', 'electorate_minus_excused', 'present', 'votes_cast'] as const;
export type PollBase = (typeof POLL_BASES)[number];

/** `more_than_half` (default): strictly more than 1/2 of the base; `two_thirds`: at least 2/3 of it. */
export const POLL_THRESHOLDS = ['more_than_half', 'two_thirds'] as const;
export type PollThreshold = (typeof POLL_THRESHOLDS)[number];

/** draft → open → closed (no more ballots) → published (result counted, immutable). */
export const POLL_STATUSES = ['draft', 'open', 'closed', 'published'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

/** An open vote's choices; their words are data on the poll (`labels`). */
export const VOTE_CHOICES = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/** A confidence ballot's levels: tín nhiệm cao, tín nhiệm, tín nhiệm thấp. */
export const CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

/** Party bodies and state bodies word an open vote differently. */
export const CHOICE_LABEL_SETS = ['party', 'state'] as const;
export type ChoiceLabelSet = (typeof CHOICE_LABEL_SETS)[number];

export const CHOICE_LABELS: Readonly<Record<ChoiceLabelSet, Readonly<Record<VoteChoice, string>>>> = {
  party: { yes: 'Tán thành', no: 'Không tán thành', abstain: 'Không biểu quyết' },
  state: { yes: 'Đồng ý', no: 'Không đồng ý', abstain: 'Phiếu trắng' },
};

export const CONFIDENCE_LABELS: Readonly<Record<ConfidenceLevel, string>> = {
  high: 'Tín nhiệm cao', medium: 'Tín nhiệm', low: 'Tín nhiệm thấp',
};

export const POLL_LIMITS = {
  titleChars: 300,
  optionChars: 200,
  /** Officials on one confidence ballot, candidates in one election. */
  options: 200,
} as const;

/** An official rated on a confidence ballot, or a candidate in an election. */
export interface PollOption {
  id: string;
  label: string;
}

/** Body of POST /conferences/:id/polls. */
export interface CreatePollRequest {
  agendaItemId: string;
  kind: PollKind;
  title: string;
  /** Open votes: whose words (default `party`: tán thành / không tán thành / không biểu quyết). */
  labelSet?: ChoiceLabelSet;
  /** Confidence: the officials (name and post); election: the candidates. Not for open votes. */
  options?: string[];
  /** Election: seats to fill, at most this many choices per ballot (1…options). */
  maxChoices?: number;
  base?: PollBase;
  threshold?: PollThreshold;
  /** Presence needed to open (default the conference's quorum rule, usually 2/3). */
  quorumNumerator?: number;
  quorumDenominator?: number;
  /**
   * Default true: an elector who was not present when the poll opened may vote once checked in while it
   * is open (and then counts as present). False: only those present at opening vote.
   */
  allowLateVoters?: boolean;
}

/** Body of POST /conferences/:id/polls/:pollId/ballots: exactly the field of the poll's kind. */
export interface CastBallotRequest {
  /** Made by the client once per ballot and sent again on every retry: a resend answers the same receipt. */
  idempotencyKey: string;
  /** Open vote. */
  choice?: VoteChoice;
  /** Confidence ballot: one rating for every official of the poll. */
  ratings?: Array<{ optionId: string; level: ConfidenceLevel }>;
  /** Election: the chosen candidates, at most `maxChoices` (none is a valid, blank ballot). */
  selected?: string[];
}

/** A ballot as stored and counted (validated, in the poll's option order). */
export type Ballot =
  | { kind: 'open'; choice: VoteChoice }
  | { kind: 'confidence'; ratings: Record<string, ConfidenceLevel> }
  | { kind: 'election'; selected: string[] };

/**
 * The answer to a ballot (202): it is committed in PostgreSQL and will be counted exactly once. It says
 * nothing about what was chosen (a receipt that proved a secret choice would let a voter be coerced).
 */
export interface BallotReceipt {
  receiptId: string;
  pollId: string;
  status: 'recorded';
}

/** Frozen when the poll opens. */
export interface PollElectorate {
  /** Members summoned with a right to vote. */
  electorate: number;
  /** Of them, absent with a reason when the poll opened. */
  excused: number;
  /** Of them, present when the poll opened. */
  presentAtOpen: number;
}

/** Live turnout: everyone sees it while the poll is open. */
export interface PollTurnout {
  pollId: string;
  voted: number;
  electorate: number;
}

/** Live tally of an open vote: the leaders only, while it is open. */
export interface OpenVoteTally {
  pollId: string;
  counts: Record<VoteChoice, number>;
  perSite: Array<{ siteId: string; electors: number; voted: number; counts: Record<VoteChoice, number> }>;
}

export interface PollRuleView {
  base: PollBase;
  threshold: PollThreshold;
  /** The base's size for this result. */
  baseCount: number;
  /** Least votes that meet the threshold (base 0: nobody can). */
  required: number;
}

export interface OpenVoteResult extends PollRuleView {
  kind: 'open';
  counts: Record<VoteChoice, number>;
  /** Of the base, 0–100 with two decimals (shown; the decision uses whole numbers). */
  percents: Record<VoteChoice, number>;
  passed: boolean;
}

export interface ConfidenceOfficialResult {
  optionId: string;
  label: string;
  counts: Record<ConfidenceLevel, number>;
  percents: Record<ConfidenceLevel, number>;
  /** More than half of the base rated low (removed from planning, considered for reassignment). */
  lowOverHalf: boolean;
  /** Two thirds of the base or more rated low (dismissal). */
  lowTwoThirds: boolean;
}

export interface ConfidenceResult extends PollRuleView {
  kind: 'confidence';
  officials: ConfidenceOfficialResult[];
}

export type CandidateOutcome = 'elected' | 'tied' | 'not_elected';

export interface ElectionResult extends PollRuleView {
  kind: 'election';
  seats: number;
  /** By descending votes. */
  candidates: Array<{ optionId: string; label: string; votes: number; percent: number; outcome: CandidateOutcome }>;
  /** Candidates tied for the last seat(s), for the body to resolve (never the software). */
  tie: { optionIds: string[]; seats: number } | null;
}

export type PollResult = (OpenVoteResult | ConfidenceResult | ElectionResult) & {
  /** Ballots counted. */
  cast: number;
  electorate: PollElectorate;
  /** Late voters who voted (counted as present). */
  lateVoters: number;
};

export interface PollView {
  id: string;
  agendaItemId: string;
  kind: PollKind;
  secret: boolean;
  title: string;
  /** Open votes: the words of each choice. */
  labels: Record<VoteChoice, string>;
  options: PollOption[];
  maxChoices: number;
  base: PollBase;
  threshold: PollThreshold;
  quorumNumerator: number;
  quorumDenominator: number;
  allowLateVoters: boolean;
  status: PollStatus;
  electorate: PollElectorate | null;
  turnout: PollTurnout;
  openedAt: string | null;
  closedAt: string | null;
  /** Once published: counts, percentages of the base, the rule applied and whether it passed. Never changes. */
  result: PollResult | null;
  /** A re-vote among candidates tied at the last seat: the election it resolves (POST …/polls/:pollId/runoff). */
  runoffOf: string | null;
}

/** Body of POST /conferences/:id/polls/:pollId/runoff: the re-vote of a tie at the last seat of an election. */
export interface CreateRunoffRequest {
  /** Default "Bầu lại: <the election's title>". */
  title?: string;
}

/** Who has (not) voted: GET …/polls/:pollId/voters (site staff for their site, the leaders for all). */
export interface PollVoterView {
  participantId: string;
  fullName: string;
  siteId: string | null;
  voted: boolean;
  /** Open votes, to the leaders: what they chose. Never for secret ballots (it is not stored with the voter). */
  choice?: VoteChoice;
}

/** The polls part of a snapshot. */
export interface PollsSection {
  items: PollView[];
  /** The leaders: the open vote's live tally. */
  tallies: OpenVoteTally[];
  /** The polls the viewer has voted in (their own receipts). */
  myReceipts: BallotReceipt[];
  /** The versions the turnouts and the tallies are as of (they arrive coalesced, newest wins). */
  asOf: { turnout: number; tally: number };
}
