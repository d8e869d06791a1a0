import type { AttendanceStatus } from '@hoinghi/contracts';
import { attendanceColumns, AttendanceFact, countAttendance, isAbsentee, isPresent, summarizeAttendance } from './attendance';
import { DomainError } from './errors';
import { DEFAULT_QUORUM } from './quorum';

const fact = (siteId: string, status: AttendanceStatus | null, checkedOut = false): AttendanceFact => ({ siteId, status, checkedOut });
const times = (n: number, make: () => AttendanceFact) => Array.from({ length: n }, make);

describe('isPresent', () => {
  it.each([
    ['present', false, true],
    ['late', false, true],
    ['absent', false, false],
    [null, false, false],
    ['present', true, false],
    ['late', true, false],
    ['absent', true, false],
  ] as const)('status %s, checked out %s → present %s', (status, checkedOut, expected) => {
    expect(isPresent(fact('s', status, checkedOut))).toBe(expected);
  });
});

describe('summarizeAttendance', () => {
  it('totals each site and the whole conference', () => {
    const facts = [
      fact('main', 'present'),
      fact('main', 'present'),
      fact('main', 'late'),
      fact('main', 'absent'),
      fact('hong-ngu', 'present'),
      fact('hong-ngu', null),
      fact('hong-ngu', 'late'),
      fact('cao-lanh', 'absent'),
    ];
    const summary = summarizeAttendance(['main', 'hong-ngu', 'cao-lanh'], facts, DEFAULT_QUORUM);
    expect(summary.perSite).toEqual([
      { siteId: 'main', convened: 4, present: 3, late: 1, absent: 1 },
      { siteId: 'hong-ngu', convened: 3, present: 2, late: 1, absent: 0 },
      { siteId: 'cao-lanh', convened: 1, present: 0, late: 0, absent: 1 },
    ]);
    expect(summary.totals).toEqual({ siteId: 'all', convened: 8, present: 5, late: 2, absent: 2 });
    // 2/3 of 8 → 6 needed, 5 present
    expect(summary.quorum).toEqual({ convened: 8, present: 5, required: 6, reached: false });
  });

  it('keeps the given site order and lists sites where nobody is convened', () => {
    const summary = summarizeAttendance(['c', 'a', 'b'], [fact('a', 'present')], DEFAULT_QUORUM);
    expect(summary.perSite.map((s) => s.siteId)).toEqual(['c', 'a', 'b']);
    expect(summary.perSite[0]).toEqual({ siteId: 'c', convened: 0, present: 0, late: 0, absent: 0 });
    expect(summary.perSite[2]).toEqual({ siteId: 'b', convened: 0, present: 0, late: 0, absent: 0 });
  });

  it('adds a site it was not told about instead of dropping its delegates', () => {
    const summary = summarizeAttendance(['a'], [fact('a', 'present'), fact('x', 'late'), fact('x', 'present')], DEFAULT_QUORUM);
    expect(summary.perSite).toEqual([
      { siteId: 'a', convened: 1, present: 1, late: 0, absent: 0 },
      { siteId: 'x', convened: 2, present: 2, late: 1, absent: 0 },
    ]);
    expect(summary.totals.convened).toBe(3);
  });

  it('does not count delegates who checked out as present or late', () => {
    const facts = [fact('a', 'present', true), fact('a', 'late', true), fact('a', 'present')];
    const summary = summarizeAttendance(['a'], facts, DEFAULT_QUORUM);
    expect(summary.perSite[0]).toEqual({ siteId: 'a', convened: 3, present: 1, late: 0, absent: 0 });
  });

  it('counts unchecked delegates as convened only', () => {
    const summary = summarizeAttendance(['a'], [fact('a', null), fact('a', null)], DEFAULT_QUORUM);
    expect(summary.totals).toEqual({ siteId: 'all', convened: 2, present: 0, late: 0, absent: 0 });
  });

  it('makes the totals the sum of the sites', () => {
    const statuses = [null, 'present', 'late', 'absent'] as const;
    const facts: AttendanceFact[] = [];
    for (let i = 0; i < 57; i++) facts.push(fact(`s${i % 5}`, statuses[i % 4], i % 7 === 0));
    const summary = summarizeAttendance(['s0', 's1', 's2', 's3', 's4', 's5'], facts, DEFAULT_QUORUM);
    for (const key of ['convened', 'present', 'late', 'absent'] as const) {
      expect(summary.totals[key]).toBe(summary.perSite.reduce((sum, s) => sum + s[key], 0));
    }
    expect(summary.totals.convened).toBe(57);
    expect(summary.totals.present).toBe(facts.filter(isPresent).length);
  });

  it('reaches the default quorum with 7 of 10 present', () => {
    const facts = [...times(7, () => fact('a', 'present')), ...times(3, () => fact('b', 'absent'))];
    expect(summarizeAttendance(['a', 'b'], facts, DEFAULT_QUORUM).quorum).toEqual({ convened: 10, present: 7, required: 7, reached: true });
  });

  it('misses the default quorum with 6 of 10 present', () => {
    const facts = [...times(6, () => fact('a', 'late')), ...times(4, () => fact('b', null))];
    expect(summarizeAttendance(['a', 'b'], facts, DEFAULT_QUORUM).quorum).toEqual({ convened: 10, present: 6, required: 7, reached: false });
  });

  it('counts a checked-out delegate against the quorum', () => {
    const facts = [...times(7, () => fact('a', 'present')), ...times(3, () => fact('b', 'absent'))];
    facts[0].checkedOut = true;
    expect(summarizeAttendance(['a', 'b'], facts, DEFAULT_QUORUM).quorum.reached).toBe(false);
  });

  it('uses the conference rule', () => {
    const facts = [...times(5, () => fact('a', 'present')), ...times(5, () => fact('a', 'absent'))];
    const summary = summarizeAttendance(['a'], facts, { numerator: 1, denominator: 2 });
    expect(summary.quorum).toEqual({ convened: 10, present: 5, required: 5, reached: true });
  });

  it('reports no quorum when nobody is convened', () => {
    const summary = summarizeAttendance(['a', 'b'], [], DEFAULT_QUORUM);
    expect(summary.perSite).toHaveLength(2);
    expect(summary.totals).toEqual({ siteId: 'all', convened: 0, present: 0, late: 0, absent: 0 });
    expect(summary.quorum).toEqual({ convened: 0, present: 0, required: 0, reached: false });
  });

  it('rejects an invalid quorum rule', () => {
    expect(() => summarizeAttendance(['a'], [fact('a', 'present')], { numerator: 5, denominator: 4 })).toThrow(DomainError);
  });
});

describe('attendanceColumns', () => {
  it('puts every convened delegate in exactly one column; late is part of present, not counted again', () => {
    const facts = [
      fact('s', 'present'), fact('s', 'present'), fact('s', 'late'), fact('s', 'late'), fact('s', 'absent'),
      fact('s', null), fact('s', 'present', true), fact('s', 'late', true),
    ];
    const columns = attendanceColumns(countAttendance(facts));
    expect(columns).toEqual({ convened: 8, onTime: 2, late: 2, absent: 1, notPresent: 3, present: 4 });
    expect(columns.onTime + columns.late + columns.absent + columns.notPresent).toBe(columns.convened);
    expect(columns.present).toBe(columns.onTime + columns.late);
  });

  it('is all zeros for nobody convened', () => {
    expect(attendanceColumns(countAttendance([]))).toEqual({ convened: 0, onTime: 0, late: 0, absent: 0, notPresent: 0, present: 0 });
  });
});

describe('isAbsentee', () => {
  it.each([
    ['absent', false, true],
    [null, false, true],
    ['present', true, true],
    ['present', false, false],
    ['late', false, false],
  ] as const)('status %s, checked out %s → absentee %s', (status, checkedOut, expected) => {
    expect(isAbsentee(fact('s', status, checkedOut))).toBe(expected);
  });
});
