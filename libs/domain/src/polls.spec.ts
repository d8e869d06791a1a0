import type { Ballot, ElectionResult, OpenVoteResult, ConfidenceResult, PollBase, PollOption } from '@hoinghi/contracts';
import { CHOICE_LABELS } from '@hoinghi/contracts';
import {
  assertQuorumToOpen, baseCount, BaseFacts, countBallots, decodeBallot, definePoll, encodeBallot, labelsOf, meetsThreshold, nextPollStatus, percentOf, pollResult,
  PollRules, requiredVotes, runoffOf, validateBallot, assertPollOpen,
} from './polls';
import { caught } from './testing/caught';

const facts = (over: Partial<BaseFacts> = {}): BaseFacts => ({ electorate: 11, excused: 0, presentAtOpen: 11, lateVoters: 0, cast: 11, ...over });
const open = (over: Partial<PollRules> = {}): PollRules => ({ kind: 'open', options: [], maxChoices: 1, base: 'electorate', threshold: 'more_than_half', ...over });
const officials: PollOption[] = [{ id: 'a', label: 'Nguyễn Văn A, Bí thư' }, { id: 'b', label: 'Trần Thị B, Phó Bí thư' }];
const candidates: PollOption[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: `Ứng cử viên ${id.toUpperCase()}` }));
const yes = (n: number): Ballot[] => Array.from({ length: n }, () => ({ kind: 'open', choice: 'yes' }));
const no = (n: number): Ballot[] => Array.from({ length: n }, () => ({ kind: 'open', choice: 'no' }));
const abstain = (n: number): Ballot[] => Array.from({ length: n }, () => ({ kind: 'open', choice: 'abstain' }));

describe('requiredVotes and meetsThreshold (whole numbers only)', () => {
  it.each([
    // base, more than half, at least two thirds
    [1, 1, 1], [2, 2, 2], [3, 2, 2], [4, 3, 3], [5, 3, 4], [6, 4, 4], [7, 4, 5], [9, 5, 6], [10, 6, 7], [11, 6, 8], [12, 7, 8],
    [99, 50, 66], [100, 51, 67], [150, 76, 100], [151, 76, 101], [300, 151, 200], [3001, 1501, 2001],
  ])('base %i: more than half needs %i, two thirds needs %i', (base, half, twoThirds) => {
    expect(requiredVotes(base, 'more_than_half')).toBe(half);
    expect(requiredVotes(base, 'two_thirds')).toBe(twoThirds);
    // at the threshold and one below it
    expect(meetsThreshold(half, base, 'more_than_half')).toBe(true);
    expect(meetsThreshold(half - 1, base, 'more_than_half')).toBe(false);
    expect(meetsThreshold(twoThirds, base, 'two_thirds')).toBe(true);
    expect(meetsThreshold(twoThirds - 1, base, 'two_thirds')).toBe(false);
  });

  it('exactly half is not more than half; exactly two thirds is enough', () => {
    expect(meetsThreshold(5, 10, 'more_than_half')).toBe(false);
    expect(meetsThreshold(6, 10, 'more_than_half')).toBe(true);
    expect(meetsThreshold(200, 300, 'two_thirds')).toBe(true);
    expect(meetsThreshold(199, 300, 'two_thirds')).toBe(false);
  });

  it('is exact where floats are not (2/3 of 3·10^15)', () => {
    const base = 3_000_000_000_000_000 / 1000; // 3e12, exactly representable
    expect(meetsThreshold(2_000_000_000_000, base, 'two_thirds')).toBe(true);
    expect(meetsThreshold(1_999_999_999_999, base, 'two_thirds')).toBe(false);
  });

  it('nothing meets a threshold of an empty base', () => {
    expect(meetsThreshold(0, 0, 'more_than_half')).toBe(false);
    expect(meetsThreshold(5, 0, 'two_thirds')).toBe(false);
    expect(requiredVotes(0, 'more_than_half')).toBe(Infinity);
  });
});

describe('baseCount', () => {
  const f = facts({ electorate: 20, excused: 3, presentAtOpen: 14, lateVoters: 2, cast: 15 });
  it.each<[PollBase, number]>([
    ['electorate', 20], ['electorate_minus_excused', 17], ['present', 16], ['votes_cast', 15],
  ])('%s is %i', (base, expected) => {
    expect(baseCount(base, f)).toBe(expected);
  });
});

describe('percentOf', () => {
  it('is a share of the base with two decimals, 0 for an empty base', () => {
    expect(percentOf(2, 3)).toBe(66.67);
    expect(percentOf(1, 3)).toBe(33.33);
    expect(percentOf(6, 11)).toBe(54.55);
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(11, 11)).toBe(100);
  });
});

describe('assertQuorumToOpen', () => {
  it('opens at two thirds present, not one below', () => {
    expect(() => assertQuorumToOpen(12, 8, { numerator: 2, denominator: 3 })).not.toThrow();
    const error = caught(() => assertQuorumToOpen(12, 7, { numerator: 2, denominator: 3 }));
    expect(error).toMatchObject({ code: 'QUORUM_NOT_MET', message: 'The poll cannot open: 7 of 12 voters are present, 8 are needed (2/3).' });
    expect(caught(() => assertQuorumToOpen(0, 0, { numerator: 2, denominator: 3 }))).toMatchObject({ code: 'QUORUM_NOT_MET' });
    expect(() => assertQuorumToOpen(10, 6, { numerator: 1, denominator: 2 })).not.toThrow();
    expect(() => assertQuorumToOpen(10, 5, { numerator: 1, denominator: 2 })).not.toThrow(); // at least half
  });
});

describe('definePoll', () => {
  it('an open vote has no options and one choice', () => {
    expect(definePoll({ kind: 'open' })).toEqual({ options: [], maxChoices: 1 });
    expect(caught(() => definePoll({ kind: 'open', options: ['x'] }))).toMatchObject({ code: 'POLL_DEFINITION_INVALID', fields: { options: [expect.any(String)] } });
    expect(caught(() => definePoll({ kind: 'open', maxChoices: 2 }))).toMatchObject({ fields: { maxChoices: [expect.any(String)] } });
  });

  it('a confidence ballot lists officials, each once', () => {
    expect(definePoll({ kind: 'confidence', options: [' A ', 'B'] })).toEqual({ options: ['A', 'B'], maxChoices: 1 });
    expect(caught(() => definePoll({ kind: 'confidence' }))).toMatchObject({ fields: { options: ['must list the officials to rate'] } });
    expect(caught(() => definePoll({ kind: 'confidence', options: ['A', ' '] }))).toMatchObject({ fields: { 'options.1': ['must not be empty'] } });
    expect(caught(() => definePoll({ kind: 'confidence', options: ['A', 'A'] }))).toMatchObject({ fields: { 'options.1': ['repeats options.0'] } });
  });

  it('an election has 1 to n seats', () => {
    expect(definePoll({ kind: 'election', options: ['A', 'B', 'C'], maxChoices: 2 })).toEqual({ options: ['A', 'B', 'C'], maxChoices: 2 });
    expect(definePoll({ kind: 'election', options: ['A', 'B'] }).maxChoices).toBe(1);
    for (const seats of [0, 4, 1.5]) {
      expect(caught(() => definePoll({ kind: 'election', options: ['A', 'B', 'C'], maxChoices: seats }))).toMatchObject({ fields: { maxChoices: [expect.any(String)] } });
    }
  });
});

describe('poll states', () => {
  it('goes draft → open → closed → published, nothing else', () => {
    expect(nextPollStatus('draft', 'open')).toBe('open');
    expect(nextPollStatus('open', 'close')).toBe('closed');
    expect(nextPollStatus('closed', 'publish')).toBe('published');
    expect(caught(() => nextPollStatus('open', 'open'))).toMatchObject({ code: 'POLL_WRONG_STATE', message: 'This poll is already open.' });
    expect(caught(() => nextPollStatus('closed', 'open'))).toMatchObject({ code: 'POLL_WRONG_STATE' });
    expect(caught(() => nextPollStatus('draft', 'close'))).toMatchObject({ code: 'POLL_WRONG_STATE' });
    expect(caught(() => nextPollStatus('published', 'publish'))).toMatchObject({ code: 'POLL_WRONG_STATE' });
  });

  it('takes ballots only while open', () => {
    expect(() => assertPollOpen('open')).not.toThrow();
    expect(caught(() => assertPollOpen('draft'))).toMatchObject({ code: 'POLL_NOT_OPEN', message: 'This poll has not been opened yet.' });
    expect(caught(() => assertPollOpen('closed'))).toMatchObject({ code: 'POLL_NOT_OPEN', message: 'This poll is closed: no more ballots are taken.' });
    expect(caught(() => assertPollOpen('published'))).toMatchObject({ code: 'POLL_NOT_OPEN' });
  });
});

describe('labels are data', () => {
  it('Party bodies and state bodies word the choices differently', () => {
    expect(labelsOf()).toEqual({ yes: 'Tán thành', no: 'Không tán thành', abstain: 'Không biểu quyết' });
    expect(labelsOf('state')).toEqual({ yes: 'Đồng ý', no: 'Không đồng ý', abstain: 'Phiếu trắng' });
    const copy = labelsOf('state');
    copy.yes = 'x';
    expect(CHOICE_LABELS.state.yes).toBe('Đồng ý');
  });
});

describe('validateBallot', () => {
  it('an open vote takes one of yes, no, abstain in `choice`', () => {
    expect(validateBallot(open(), { choice: 'no' })).toEqual({ kind: 'open', choice: 'no' });
    expect(caught(() => validateBallot(open(), { choice: 'maybe' as never }))).toMatchObject({ code: 'BALLOT_INVALID', fields: { choice: ['must be one of yes, no, abstain'] } });
    expect(caught(() => validateBallot(open(), {}))).toMatchObject({ fields: { choice: ['is required'] } });
    expect(caught(() => validateBallot(open(), { choice: 'yes', selected: [] }))).toMatchObject({ fields: { selected: [expect.stringMatching(/takes choice/)] } });
  });

  const confidence = { kind: 'confidence' as const, options: officials, maxChoices: 1 };
  it('a confidence ballot rates every official exactly once', () => {
    expect(validateBallot(confidence, { ratings: [{ optionId: 'b', level: 'low' }, { optionId: 'a', level: 'high' }] }))
      .toEqual({ kind: 'confidence', ratings: { a: 'high', b: 'low' } });
    expect(caught(() => validateBallot(confidence, { ratings: [{ optionId: 'a', level: 'high' }] })))
      .toMatchObject({ fields: { ratings: ['must rate every official: Trần Thị B, Phó Bí thư not rated'] } });
    expect(caught(() => validateBallot(confidence, { ratings: [{ optionId: 'a', level: 'high' }, { optionId: 'a', level: 'low' }] })))
      .toMatchObject({ fields: { 'ratings.1.optionId': ['rates an official a second time'] } });
    expect(caught(() => validateBallot(confidence, { ratings: [{ optionId: 'z', level: 'high' }] }))).toMatchObject({ fields: { 'ratings.0.optionId': [expect.any(String)] } });
    expect(caught(() => validateBallot(confidence, { ratings: [{ optionId: 'a', level: 'very' as never }] }))).toMatchObject({ fields: { 'ratings.0.level': [expect.any(String)] } });
    expect(caught(() => validateBallot(confidence, { choice: 'yes' }))).toMatchObject({ fields: { choice: [expect.any(String)] } });
  });

  const election = { kind: 'election' as const, options: candidates, maxChoices: 2 };
  it('an election takes at most k distinct candidates of the poll; none is a blank ballot', () => {
    expect(validateBallot(election, { selected: ['c', 'a'] })).toEqual({ kind: 'election', selected: ['a', 'c'] });
    expect(validateBallot(election, { selected: [] })).toEqual({ kind: 'election', selected: [] });
    expect(caught(() => validateBallot(election, { selected: ['a', 'b', 'c'] }))).toMatchObject({ fields: { selected: ['must choose at most 2'] } });
    expect(caught(() => validateBallot(election, { selected: ['a', 'a'] }))).toMatchObject({ fields: { 'selected.1': ['repeats selected.0'] } });
    expect(caught(() => validateBallot(election, { selected: ['x'] }))).toMatchObject({ fields: { 'selected.0': ['names no candidate of this poll'] } });
  });
});

describe('pollResult: open vote', () => {
  const result = (ballots: Ballot[], rules: Partial<PollRules>, f: Partial<BaseFacts>) =>
    pollResult(open(rules), countBallots(ballots), facts({ cast: ballots.length, ...f })) as OpenVoteResult & { cast: number };

  it('an 11-member body: 5 yes of 10 cast does not pass, 6 does (base: the whole electorate)', () => {
    expect(result([...yes(5), ...no(5)], {}, { presentAtOpen: 10 })).toMatchObject({ passed: false, baseCount: 11, required: 6 });
    expect(result([...yes(6), ...no(4)], {}, { presentAtOpen: 10 })).toMatchObject({
      passed: true, counts: { yes: 6, no: 4, abstain: 0 }, percents: { yes: 54.55, no: 36.36, abstain: 0 }, cast: 10,
    });
  });

  it('abstentions count against a base of votes cast; not against one of the electorate', () => {
    const ballots = [...yes(5), ...no(2), ...abstain(3)];
    expect(result(ballots, { base: 'votes_cast' }, {}).passed).toBe(false); // 5 of 10
    expect(result([...ballots, ...yes(1)], { base: 'votes_cast' }, {}).passed).toBe(true); // 6 of 11
  });

  it('each base, at and one below its threshold', () => {
    const f = { electorate: 30, excused: 6, presentAtOpen: 18, lateVoters: 2 };
    // electorate 30 → 16; minus excused 24 → 13; present 20 → 11
    for (const [base, need] of [['electorate', 16], ['electorate_minus_excused', 13], ['present', 11]] as const) {
      expect(result([...yes(need), ...no(1)], { base }, f)).toMatchObject({ passed: true, required: need });
      expect(result([...yes(need - 1), ...no(2)], { base }, f)).toMatchObject({ passed: false, required: need });
    }
    // votes cast: 9 of 17 passes, 8 of 17 does not
    expect(result([...yes(9), ...no(8)], { base: 'votes_cast' }, f)).toMatchObject({ passed: true, baseCount: 17, required: 9 });
    expect(result([...yes(8), ...no(9)], { base: 'votes_cast' }, f)).toMatchObject({ passed: false });
  });

  it('two thirds: at least, not more than', () => {
    expect(result(yes(20), { threshold: 'two_thirds' }, { electorate: 30 })).toMatchObject({ passed: true, required: 20 });
    expect(result(yes(19), { threshold: 'two_thirds' }, { electorate: 30 })).toMatchObject({ passed: false });
    expect(result(yes(21), { threshold: 'two_thirds' }, { electorate: 31 })).toMatchObject({ passed: true, required: 21 });
    expect(result(yes(20), { threshold: 'two_thirds' }, { electorate: 31 })).toMatchObject({ passed: false });
  });

  it('no ballots on an empty base passes nothing', () => {
    expect(result([], { base: 'votes_cast' }, {})).toMatchObject({ passed: false, baseCount: 0, required: 0, percents: { yes: 0, no: 0, abstain: 0 } });
  });
});

describe('pollResult: confidence ballot', () => {
  const rules = open({ kind: 'confidence', options: officials });
  const rate = (a: 'high' | 'medium' | 'low', b: 'high' | 'medium' | 'low'): Ballot => ({ kind: 'confidence', ratings: { a, b } });
  const ballots = (lowA: number, total: number) => Array.from({ length: total }, (_, i) => rate(i < lowA ? 'low' : 'high', 'medium'));

  it('flags more than half low and two thirds or more low, of the base (not of the ballots)', () => {
    const at = (lowA: number, cast: number, electorate = 12) =>
      (pollResult(rules, countBallots(ballots(lowA, cast)), facts({ electorate, cast })) as ConfidenceResult).officials[0];
    expect(at(6, 12)).toMatchObject({ lowOverHalf: false, lowTwoThirds: false, counts: { high: 6, medium: 0, low: 6 }, percents: { low: 50 } });
    expect(at(7, 12)).toMatchObject({ lowOverHalf: true, lowTwoThirds: false });
    expect(at(7, 12)).toMatchObject({ percents: { low: 58.33 } });
    expect(at(8, 12)).toMatchObject({ lowOverHalf: true, lowTwoThirds: true });
    // 6 of 7 ballots low, but 6 of an electorate of 12 is only half
    expect(at(6, 7)).toMatchObject({ lowOverHalf: false, lowTwoThirds: false });
  });

  it('rates each official on their own', () => {
    const r = pollResult(rules, countBallots([rate('low', 'high'), rate('low', 'medium'), rate('medium', 'medium')]), facts({ electorate: 3, cast: 3 })) as ConfidenceResult;
    expect(r.officials.map((o) => [o.optionId, o.counts])).toEqual([
      ['a', { high: 0, medium: 1, low: 2 }], ['b', { high: 1, medium: 2, low: 0 }],
    ]);
    expect(r.officials[0]).toMatchObject({ lowOverHalf: true, lowTwoThirds: true, label: 'Nguyễn Văn A, Bí thư' });
  });
});

describe('pollResult: election', () => {
  const rules = (seats: number) => open({ kind: 'election', options: candidates, maxChoices: seats });
  const votes = (counts: Record<string, number>, electorate: number) =>
    pollResult(rules(2), counts, facts({ electorate, cast: electorate })) as ElectionResult;

  it('elects with more than half of the base: in an 11-member cell 5 votes do not elect, 6 do', () => {
    const r = pollResult(rules(1), { a: 5, b: 4 }, facts({ electorate: 11, cast: 10 })) as ElectionResult;
    expect(r.candidates.map((c) => c.outcome)).toEqual(['not_elected', 'not_elected', 'not_elected', 'not_elected']);
    const r2 = pollResult(rules(1), { a: 6, b: 4 }, facts({ electorate: 11, cast: 10 })) as ElectionResult;
    expect(r2.candidates[0]).toMatchObject({ optionId: 'a', votes: 6, outcome: 'elected', percent: 54.55 });
    expect(r2.tie).toBeNull();
  });

  it('by descending votes up to the seats', () => {
    const r = votes({ a: 7, b: 9, c: 8, d: 2 }, 10);
    expect(r.candidates.map((c) => [c.optionId, c.outcome])).toEqual([['b', 'elected'], ['c', 'elected'], ['a', 'not_elected'], ['d', 'not_elected']]);
    expect(r.tie).toBeNull();
  });

  it('reports a tie at the last seat instead of deciding it', () => {
    const r = votes({ a: 9, b: 7, c: 7, d: 1 }, 10);
    expect(r.candidates.map((c) => [c.optionId, c.outcome])).toEqual([['a', 'elected'], ['b', 'tied'], ['c', 'tied'], ['d', 'not_elected']]);
    expect(r.tie).toEqual({ optionIds: ['b', 'c'], seats: 1 });
  });

  it('a tie that fits the seats left is no tie', () => {
    const r = votes({ a: 7, b: 7, c: 3 }, 10);
    expect(r.candidates.filter((c) => c.outcome === 'elected').map((c) => c.optionId)).toEqual(['a', 'b']);
    expect(r.tie).toBeNull();
  });

  it('three tied for two seats: all tied, two seats to resolve', () => {
    const r = votes({ a: 6, b: 6, c: 6 }, 10);
    expect(r.tie).toEqual({ optionIds: ['a', 'b', 'c'], seats: 2 });
  });

  it('a tie below the threshold is not a tie for a seat', () => {
    const r = votes({ a: 8, b: 5, c: 5 }, 10);
    expect(r.candidates.map((c) => c.outcome)).toEqual(['elected', 'not_elected', 'not_elected', 'not_elected']);
    expect(r.tie).toBeNull();
  });

  it('at least two thirds of a base of votes cast', () => {
    const r = pollResult(open({ kind: 'election', options: candidates, maxChoices: 1, threshold: 'two_thirds', base: 'votes_cast' }), { a: 6, b: 3 }, facts({ cast: 9 })) as ElectionResult;
    expect(r).toMatchObject({ baseCount: 9, required: 6 });
    expect(r.candidates[0].outcome).toBe('elected');
  });
});

describe('runoffOf: a re-vote among the candidates tied at the last seat', () => {
  const election = (status: 'closed' | 'published' = 'published') => ({ kind: 'election' as const, status, title: 'Bầu Ban Thường vụ', options: candidates });
  const counted = (counts: Record<string, number>, seats: number) =>
    pollResult(open({ kind: 'election', options: candidates, maxChoices: seats }), counts, facts({ electorate: 10, cast: 10 }));

  it('is an election of only the tied candidates, in ballot order, for the seats the tie left', () => {
    expect(runoffOf(election(), counted({ a: 9, b: 7, c: 7, d: 1 }, 2))).toEqual({
      title: 'Bầu lại: Bầu Ban Thường vụ', options: ['Ứng cử viên B', 'Ứng cử viên C'], maxChoices: 1,
    });
    // Three tied for two seats, listed as on the first ballot whatever their rank order.
    expect(runoffOf(election(), counted({ c: 6, a: 6, b: 6 }, 2))).toMatchObject({ options: ['Ứng cử viên A', 'Ứng cử viên B', 'Ứng cử viên C'], maxChoices: 2 });
  });

  it('takes the chair\'s title, trimmed, and keeps a long default within the limit', () => {
    expect(runoffOf(election(), counted({ a: 9, b: 7, c: 7 }, 2), '  Bầu bổ sung 1 Ủy viên  ').title).toBe('Bầu bổ sung 1 Ủy viên');
    const long = runoffOf({ ...election(), title: 'x'.repeat(300) }, counted({ a: 9, b: 7, c: 7 }, 2)).title;
    expect(long).toHaveLength(300);
    expect(long.endsWith('…')).toBe(true);
  });

  it('refuses, with a sentence, what has no tie to resolve', () => {
    expect(caught(() => runoffOf(election(), counted({ a: 9, b: 8, c: 7 }, 2)))).toMatchObject({ code: 'POLL_NO_TIE', category: 'conflict', message: 'This election has no tie at the last seat: its result decides every seat.' });
    expect(caught(() => runoffOf(election('closed'), null)).message).toMatch(/not been counted yet/);
    expect(caught(() => runoffOf({ ...election(), kind: 'confidence' }, null)).message).toMatch(/Only an election/);
  });
});

describe('countBallots', () => {
  it('keys an open vote by choice, a confidence ballot by official and level, an election by candidate', () => {
    expect(countBallots([
      { kind: 'open', choice: 'yes' }, { kind: 'open', choice: 'yes' }, { kind: 'confidence', ratings: { a: 'low', b: 'high' } },
      { kind: 'election', selected: ['a', 'c'] },
    ])).toEqual({ yes: 2, 'a:low': 1, 'b:high': 1, a: 1, c: 1 });
  });
});

describe('ballot codes', () => {
  const confidence = { kind: 'confidence' as const, options: officials, maxChoices: 1 };
  const election = { kind: 'election' as const, options: candidates, maxChoices: 2 };
  it('round-trip, with one length per poll', () => {
    const ballots: Array<[PollRules | typeof confidence | typeof election, Ballot]> = [
      [open(), { kind: 'open', choice: 'abstain' }],
      [confidence, { kind: 'confidence', ratings: { a: 'medium', b: 'low' } }],
      [election, { kind: 'election', selected: ['b', 'd'] }],
      [election, { kind: 'election', selected: [] }],
    ];
    for (const [poll, ballot] of ballots) expect(decodeBallot(poll, encodeBallot(poll, ballot))).toEqual(ballot);
    expect(encodeBallot(confidence, { kind: 'confidence', ratings: { a: 'high', b: 'low' } })).toBe('hl');
    expect(encodeBallot(election, { kind: 'election', selected: ['b', 'd'] })).toBe('0101');
    expect(encodeBallot(election, { kind: 'election', selected: [] })).toHaveLength(4);
  });

  it('refuses codes no valid ballot makes', () => {
    expect(() => decodeBallot(open(), 'x')).toThrow();
    expect(() => decodeBallot(confidence, 'h')).toThrow();
    expect(() => decodeBallot(confidence, 'hx')).toThrow();
    expect(() => decodeBallot(election, '1110')).toThrow(); // three of two seats
    expect(() => decodeBallot(election, '01')).toThrow();
  });
});
