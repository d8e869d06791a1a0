import { countComments, type CommentView } from './comments';
import type { ConsolidationPointView } from './consolidation';
import type { ConferenceSnapshot } from './model';
import { applyDelta, ConferenceDelta, ConferenceFeed } from './realtime';
import { base, delta, holder, quorum, request, site, totals } from './testing/feed-fixtures';

describe('applyDelta', () => {
  it('changes only the agenda items it carries, keeping the order by position', () => {
    const moved = delta(11, 3, 'conference', {
      type: 'agenda.changed',
      data: { items: [{ ...base().agenda[1], position: 1, state: 'active' }, { ...base().agenda[0], position: 2, state: 'done' }] },
    });
    expect(applyDelta(base(), moved).agenda.map((i) => `${i.id}:${i.state}`)).toEqual(['i2:active', 'i1:done']);
  });

  it('keeps the newest totals whichever order state and site deltas arrive in', () => {
    const stale = delta(12, null, 'conference', { type: 'attendance.totals', data: { totals: totals(1), quorum: quorum(1) } });
    const after = applyDelta(applyDelta(base(), site(14, 0, 2)), stale);
    expect(after.attendance.totals.present).toBe(2);
    expect(after.attendance.perSite[0].present).toBe(2);
    expect(after.totalsVersion).toBe(14);
  });

  it('keeps the queue in place order: new requests join, moved ones move, closed ones leave', () => {
    let s = applyDelta(base(), delta(11, 0, 'site:A', { type: 'floor.requests', data: { requests: [request('r2', 2), request('r1', 1)] } }));
    expect(s.floor.queue.map((r) => r.id)).toEqual(['r1', 'r2']);
    s = applyDelta(s, delta(12, 11, 'site:A', { type: 'floor.requests', data: { requests: [request('r1', null, 'speaking'), request('r2', 1)] } }));
    expect(s.floor.queue.map((r) => `${r.id}@${r.place}`)).toEqual(['r2@1']);
  });
});

describe('desk deltas', () => {
  const message = (version: number, authorUserId: string, text: string) => delta(version, null, 'desk:A', {
    type: 'desk.message',
    data: { siteName: 'Điểm cầu A', message: { id: `m${version}`, siteId: 'A', authorUserId, authorName: 'Kỹ thuật', fromDesk: authorUserId !== 'u', text, sentAt: '2026-12-01T01:00:00.000Z' } },
  });

  it("opens a site's thread on its first message, counts others' messages as unread, never one's own", () => {
    const one = applyDelta(base(), message(11, 'desk-operator', 'Kiểm tra micrô'));
    expect(one.desk).toEqual([{ siteId: 'A', siteName: 'Điểm cầu A', unread: 1, lastMessage: expect.objectContaining({ text: 'Kiểm tra micrô' }) }]);
    const two = applyDelta(one, message(12, 'u', 'Đã kiểm tra'));
    expect(two.desk).toEqual([expect.objectContaining({ unread: 1, lastMessage: expect.objectContaining({ text: 'Đã kiểm tra' }) })]);
  });
});

describe('ConferenceFeed', () => {
  it('applies deltas chained per stream, and ignores those it already has', () => {
    const feed = new ConferenceFeed(base(10));
    expect(feed.receive(site(11, 4, 1))).toBe('applied'); // prev 4 is inside the snapshot
    expect(feed.receive(holder(12, 7, 'r1'))).toBe('applied');
    expect(feed.receive(site(13, 11, 2))).toBe('applied');
    expect(feed.receive(site(13, 11, 2))).toBe('duplicate');
    expect(feed.receive(site(9, 2, 0))).toBe('duplicate'); // older than the snapshot
    expect(feed.version).toBe(13);
    expect(feed.snapshot.attendance.totals.present).toBe(2);
    expect(feed.snapshot.floor.holder?.id).toBe('r1');
  });

  it('tells a missed delta of its own stream from versions meant for others', () => {
    const feed = new ConferenceFeed(base(10));
    expect(feed.receive(site(11, 4, 1))).toBe('applied');
    // 12 and 13 went to audiences this viewer is not in: not a gap.
    expect(feed.receive(holder(14, 8, 'r1'))).toBe('applied');
    // 15 was site A's and never arrived: 16 says its predecessor is 15.
    expect(feed.receive(site(16, 15, 3))).toBe('gap');
    expect(feed.snapshot.attendance.perSite[0].present).toBe(1); // nothing applied past the gap
    // A new stream whose first delta chains to a change after the snapshot is a gap too.
    expect(new ConferenceFeed(base(10)).receive(holder(12, 11, 'r1'))).toBe('gap');
  });

  it('resumes after a catch-up that answered up to a version', () => {
    const feed = new ConferenceFeed(base(10));
    expect(feed.receiveAll([holder(13, 2, 'r1'), site(12, 5, 1)])).toBe('applied'); // sorted by version first
    feed.advanceTo(20); // 14..20 were for others
    expect(feed.version).toBe(20);
    expect(feed.receive(site(21, 12, 2))).toBe('applied');
    expect(feed.receive(delta(22, 19, 'leaders', { type: 'conference.updated', data: { conference: base().conference } }))).toBe('applied');
  });

  it('applies state deltas newer than the snapshot without chaining them', () => {
    const feed = new ConferenceFeed(base(10));
    const state = (v: number, present: number) => delta(v, null, 'conference', { type: 'attendance.totals', data: { totals: totals(present), quorum: quorum(present) } });
    expect(feed.receive(state(9, 5))).toBe('duplicate');
    expect(feed.receive(state(15, 3))).toBe('applied');
    expect(feed.receive(state(12, 1))).toBe('applied'); // older: applied, but the totals stay at 15's
    expect(feed.snapshot.attendance.totals.present).toBe(3);
  });
});

describe('comment deltas', () => {
  const comment = (id: string, over: Partial<CommentView> = {}): CommentView => ({
    id, receiptId: `r-${id}`, draftId: 'd1', draftVersion: 1, sectionId: 's1', sectionLabel: 'Điều 1.', kind: 'delegate', authorUserId: 'u',
    authorName: 'Nguyễn Văn An', siteId: 'A', speakerParticipantId: null, speakerName: null, floorRequestId: null, text: 'Góp ý', proposal: null,
    status: 'active', createdAt: '2026-12-01T01:00:00.000Z', updatedAt: '2026-12-01T01:00:00.000Z', ...over,
  });

  it('turns the author\'s receipt into received, then applies edits and withdrawals in place', () => {
    let snapshot = base();
    snapshot = applyDelta(snapshot, delta(11, null, 'person:u', {
      type: 'comment.received', data: { receipt: { receiptId: 'r-1', status: 'received', draftId: 'd1', commentId: '1' }, comment: comment('1') },
    }));
    expect(snapshot.comments.receipts).toEqual([{ receiptId: 'r-1', status: 'received', draftId: 'd1', commentId: '1' }]);
    snapshot = applyDelta(snapshot, delta(12, 11, 'person:u', { type: 'comment.changed', data: { comment: comment('1', { text: 'Đã sửa' }) } }));
    snapshot = applyDelta(snapshot, delta(13, 12, 'person:u', { type: 'comment.changed', data: { comment: comment('2', { sectionId: null }) } }));
    snapshot = applyDelta(snapshot, delta(14, 13, 'person:u', { type: 'comment.changed', data: { comment: comment('2', { sectionId: null, status: 'withdrawn' }) } }));
    expect(snapshot.comments.items.map((c) => `${c.id}:${c.text}:${c.status}`)).toEqual(['1:Đã sửa:active', '2:Góp ý:withdrawn']);
  });

  it('counts active comments per draft, section (or the whole draft) and site', () => {
    const counts = countComments([
      comment('1'), comment('2', { sectionId: null }), comment('3', { siteId: 'B' }), comment('4', { status: 'withdrawn' }),
      comment('5', { kind: 'floor', siteId: null, draftId: 'd2', sectionId: 's9' }),
    ]);
    expect(counts).toEqual({
      byDraft: { d1: 3, d2: 1 },
      bySection: { s1: 2, 'draft:d1': 1, s9: 1 },
      bySite: { A: 2, B: 1 },
    });
  });

  it('takes a join or sync answer: a snapshot replaces, deltas apply and advance, a hole says gap', () => {
    const feed = new ConferenceFeed(base(10));
    expect(feed.acceptAck({ ok: true, mode: 'deltas', version: 20, deltas: [site(12, 5, 1)] })).toBe('applied');
    expect(feed.version).toBe(20);
    expect(feed.acceptAck({ ok: true, mode: 'deltas', version: 30, deltas: [site(25, 24, 2)] })).toBe('gap');
    expect(feed.acceptAck({ ok: true, mode: 'snapshot', snapshot: base(40) })).toBe('applied');
    expect(feed.version).toBe(40);
    expect(feed.snapshot.attendance.perSite[0].present).toBe(0);
  });
});

describe('consolidation point deltas', () => {
  const point = (id: string, over: Partial<ConsolidationPointView> = {}): ConsolidationPointView => ({
    id, draftId: 'd1', sectionId: 's1', sectionLabel: 'Điều 1.', summary: 'Bổ sung lộ trình', commentIds: ['1'], disposition: null, response: '',
    absorbedInVersion: null, createdAt: '2026-12-01T01:00:00.000Z', updatedAt: '2026-12-01T01:00:00.000Z', ...over,
  });

  it('adds, changes in place and removes points', () => {
    let snapshot = base();
    snapshot = applyDelta(snapshot, delta(11, 0, 'leaders', { type: 'point.changed', data: { point: point('p1') } }));
    snapshot = applyDelta(snapshot, delta(12, 11, 'leaders', { type: 'point.changed', data: { point: point('p2') } }));
    snapshot = applyDelta(snapshot, delta(13, 12, 'leaders', { type: 'point.changed', data: { point: point('p1', { disposition: 'accepted', commentIds: ['1', '2'] }) } }));
    expect(snapshot.points.map((p) => `${p.id}:${p.disposition}:${p.commentIds.length}`)).toEqual(['p1:accepted:2', 'p2:null:1']);
    snapshot = applyDelta(snapshot, delta(14, 13, 'leaders', { type: 'point.removed', data: { pointId: 'p1', draftId: 'd1' } }));
    expect(snapshot.points.map((p) => p.id)).toEqual(['p2']);
  });
});

describe('applyDelta: polls', () => {
  const poll = (status: 'open' | 'closed', voted = 0) => ({
    id: 'p', agendaItemId: 'i1', kind: 'open' as const, secret: false, title: 'Thông qua chỉ tiêu', labels: { yes: 'Tán thành', no: 'Không tán thành', abstain: 'Không biểu quyết' },
    options: [], maxChoices: 1, base: 'electorate' as const, threshold: 'more_than_half' as const, quorumNumerator: 2, quorumDenominator: 3,
    allowLateVoters: true, status, electorate: { electorate: 10, excused: 0, presentAtOpen: 9 }, turnout: { pollId: 'p', voted, electorate: 10 },
    openedAt: null, closedAt: null, result: null, runoffOf: null,
  });
  const turnout = (version: number, voted: number) => delta(version, null, 'conference', { type: 'poll.turnout', data: { turnout: { pollId: 'p', voted, electorate: 10 } } });
  const tally = (version: number, yes: number) =>
    delta(version, null, 'leaders', { type: 'poll.tally', data: { tally: { pollId: 'p', counts: { yes, no: 0, abstain: 0 }, perSite: [] } } });

  it('keeps the newest turnout and tally whichever order they arrive in, each on its own', () => {
    let s = applyDelta(base(), delta(11, 1, 'conference', { type: 'poll.changed', data: { poll: poll('open') } }));
    s = applyDelta(s, turnout(15, 4));
    s = applyDelta(s, tally(13, 3));
    s = applyDelta(s, turnout(14, 3)); // older: ignored
    s = applyDelta(s, tally(12, 2)); // older: ignored
    expect(s.polls.items[0].turnout.voted).toBe(4);
    expect(s.polls.tallies).toEqual([{ pollId: 'p', counts: { yes: 3, no: 0, abstain: 0 }, perSite: [] }]);
  });

  it('a closed poll keeps its final turnout', () => {
    let s = applyDelta(base(), delta(11, 1, 'conference', { type: 'poll.changed', data: { poll: poll('closed', 9) } }));
    s = applyDelta(s, turnout(12, 8));
    expect(s.polls.items[0].turnout.voted).toBe(9);
  });
});
