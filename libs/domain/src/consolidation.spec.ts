import {
  assertAbsorbable, assertGrouping, assertNotAbsorbed, assertNotEmpty, assertResponse, consolidationReport, sectionOfPoint,
  type ReportComment,
} from './consolidation';
import { caught } from './testing/caught';

const comment = (id: string, over: Partial<ReportComment> = {}): ReportComment => ({
  id, draftId: 'draft', sectionId: 's1', status: 'active', kind: 'delegate', authorUserId: `u-${id}`, authorName: `Đại biểu ${id}`,
  siteId: 'site-a', speakerParticipantId: null, speakerName: null, text: `Ý kiến ${id}`, proposal: null, ...over,
});

describe('grouping comments into a point', () => {
  it('ties the point to the section its comments share, else to the whole draft', () => {
    expect(sectionOfPoint(undefined, [comment('1'), comment('2')])).toBe('s1');
    expect(sectionOfPoint(undefined, [comment('1'), comment('2', { sectionId: 's2' })])).toBeNull();
    expect(sectionOfPoint(undefined, [comment('1', { sectionId: null })])).toBeNull();
    expect(sectionOfPoint('s2', [comment('1')])).toBe('s2');
  });

  const none = new Map<string, string>();

  it('accepts active comments of the draft on the point\'s section', () => {
    expect(() => assertGrouping({ draftId: 'draft', sectionId: 's1' }, ['1', '2'], [comment('1'), comment('2')], none, 'commentIds')).not.toThrow();
    // A whole-draft point gathers comments from any section.
    expect(() => assertGrouping({ draftId: 'draft', sectionId: null }, ['1', '2'], [comment('1'), comment('2', { sectionId: 's2' })], none, 'commentIds')).not.toThrow();
  });

  it('names the field of a comment that cannot be grouped', () => {
    expect(caught(() => assertGrouping({ draftId: 'draft', sectionId: 's1' }, [], [], none, 'commentIds')))
      .toMatchObject({ code: 'POINT_COMMENTS_INVALID', fields: { commentIds: ['must list at least one comment'] } });
    expect(caught(() => assertGrouping({ draftId: 'draft', sectionId: 's1' }, ['1', 'x'], [comment('1')], none, 'commentIds')))
      .toMatchObject({ code: 'POINT_COMMENTS_INVALID', fields: { 'commentIds.1': [expect.stringMatching(/no comment on this draft/)] } });
    expect(caught(() => assertGrouping({ draftId: 'draft', sectionId: 's1' }, ['1'], [comment('1', { draftId: 'other' })], none, 'addCommentIds')))
      .toMatchObject({ fields: { 'addCommentIds.0': [expect.any(String)] } });
    expect(caught(() => assertGrouping({ draftId: 'draft', sectionId: 's1' }, ['1'], [comment('1', { status: 'withdrawn' })], none, 'commentIds')))
      .toMatchObject({ fields: { 'commentIds.0': [expect.stringMatching(/withdrawn/)] } });
    expect(caught(() => assertGrouping({ draftId: 'draft', sectionId: 's1' }, ['1'], [comment('1', { sectionId: 's2' })], none, 'commentIds')))
      .toMatchObject({ fields: { 'commentIds.0': [expect.stringMatching(/another section/)] } });
  });

  it('refuses a comment already answered by another point, not by the same one', () => {
    const taken = new Map([['1', 'p1']]);
    expect(caught(() => assertGrouping({ id: 'p2', draftId: 'draft', sectionId: 's1' }, ['1'], [comment('1')], taken, 'commentIds')))
      .toMatchObject({ code: 'COMMENT_ALREADY_IN_POINT', message: expect.stringMatching(/another point/) });
    expect(() => assertGrouping({ id: 'p1', draftId: 'draft', sectionId: 's1' }, ['1'], [comment('1')], taken, 'commentIds')).not.toThrow();
  });
});

describe('dispositions', () => {
  it('needs a response for partly accepted and explained points', () => {
    expect(() => assertResponse('accepted', '')).not.toThrow();
    expect(() => assertResponse(null, '')).not.toThrow();
    expect(() => assertResponse('explained', 'Đã có trong Nghị quyết.')).not.toThrow();
    expect(caught(() => assertResponse('explained', '  '))).toMatchObject({ code: 'POINT_RESPONSE_REQUIRED', fields: { response: [expect.any(String)] } });
    expect(caught(() => assertResponse('partly_accepted', ''))).toMatchObject({ code: 'POINT_RESPONSE_REQUIRED' });
  });

  it('keeps an absorbed point and a non-empty one', () => {
    expect(caught(() => assertNotAbsorbed({ absorbedInVersion: 2 }, 'deleted'))).toMatchObject({ code: 'POINT_ABSORBED', message: expect.stringMatching(/version 2/) });
    expect(() => assertNotAbsorbed({ absorbedInVersion: null }, 'deleted')).not.toThrow();
    expect(caught(() => assertNotEmpty(0))).toMatchObject({ code: 'POINT_EMPTY' });
  });
});

describe('absorbing points into a new version', () => {
  const point = (id: string, over: object = {}) => ({ id, draftId: 'draft', summary: `Điểm ${id}`, disposition: 'accepted' as const, absorbedInVersion: null, ...over });

  it('absorbs accepted and partly accepted points of the draft once', () => {
    expect(() => assertAbsorbable('draft', ['a', 'b'], [point('a'), point('b', { disposition: 'partly_accepted' })])).not.toThrow();
    expect(caught(() => assertAbsorbable('draft', ['a', 'z'], [point('a')]))).toMatchObject({ code: 'ABSORBED_POINTS_INVALID', fields: { 'absorbedPointIds.1': [expect.any(String)] } });
    expect(caught(() => assertAbsorbable('draft', ['a'], [point('a', { draftId: 'other' })]))).toMatchObject({ code: 'ABSORBED_POINTS_INVALID' });
    expect(caught(() => assertAbsorbable('draft', ['a'], [point('a', { disposition: 'explained' })]))).toMatchObject({ code: 'POINT_NOT_ABSORBABLE', message: expect.stringMatching(/explained/) });
    expect(caught(() => assertAbsorbable('draft', ['a'], [point('a', { disposition: null })]))).toMatchObject({ code: 'POINT_NOT_ABSORBABLE', message: expect.stringMatching(/not decided/) });
    expect(caught(() => assertAbsorbable('draft', ['a'], [point('a', { absorbedInVersion: 2 })]))).toMatchObject({ code: 'POINT_NOT_ABSORBABLE', message: expect.stringMatching(/version 2/) });
  });
});

describe('the consolidation report', () => {
  const siteNames = new Map([['site-a', 'Thành phố Sa Đéc'], ['site-b', 'Huyện Lai Vung']]);
  const sections = [{ id: 's1', label: 'Điều 1.', heading: 'Mục tiêu', position: 2 }, { id: 's2', label: 'Điều 2.', heading: 'Chỉ tiêu', position: 3 }];
  const comments = [
    comment('1'), // a delegate at Sa Đéc
    comment('2', { kind: 'site', authorUserId: 'op-b', authorName: 'Kỹ thuật viên', siteId: 'site-b' }), // Lai Vung's opinion
    comment('3', { authorUserId: 'u-1', authorName: 'Đại biểu 1' }), // the same delegate again
    comment('4', { kind: 'floor', authorUserId: 'thuky', speakerParticipantId: 'p9', speakerName: 'Trần Văn Chín', siteId: 'site-b', sectionId: 's2' }),
    comment('5', { sectionId: null, authorUserId: 'u-5' }),
    comment('6', { status: 'withdrawn' }),
  ];
  const points = [
    { id: 'p2', sectionId: 's2', summary: 'Lộ trình', disposition: 'explained' as const, response: 'Đã có', absorbedInVersion: null, commentIds: ['4'], createdAt: '2026-01-01T00:00:02Z' },
    { id: 'p1', sectionId: 's1', summary: 'Bổ sung chỉ tiêu', disposition: 'accepted' as const, response: '', absorbedInVersion: 2, commentIds: ['1', '2', '3', '6'], createdAt: '2026-01-01T00:00:01Z' },
    { id: 'p0', sectionId: null, summary: 'Chung', disposition: null, response: '', absorbedInVersion: null, commentIds: ['5'], createdAt: '2026-01-01T00:00:03Z' },
  ];

  it('counts each point\'s sites and delegates, and leaves withdrawn comments out', () => {
    const report = consolidationReport({ sections, points, comments, siteNames });
    expect(report.sections.map((s) => s.label)).toEqual(['', 'Điều 1.', 'Điều 2.']);
    const p1 = report.sections[1].points[0];
    expect(p1).toMatchObject({
      pointId: 'p1', commentCount: 3, disposition: 'accepted', absorbedInVersion: 2,
      sites: [{ id: 'site-b', name: 'Huyện Lai Vung' }, { id: 'site-a', name: 'Thành phố Sa Đéc' }],
      delegates: ['Đại biểu 1'],
    });
    expect(p1.comments.map((c) => c.who)).toEqual(['Đại biểu 1', 'Huyện Lai Vung', 'Đại biểu 1']);
    expect(report.sections[2].points[0]).toMatchObject({ delegates: ['Trần Văn Chín'], sites: [{ id: 'site-b' }] });
  });

  it('totals the draft\'s active comments, the grouped ones and the dispositions', () => {
    const { totals } = consolidationReport({ sections, points, comments, siteNames });
    expect(totals).toEqual({
      comments: 5, consolidated: 5, points: 3, byDisposition: { accepted: 1, partly_accepted: 0, explained: 1, pending: 1 },
      sites: 2, delegates: 3,
    });
    const fewer = consolidationReport({ sections, points: points.slice(0, 1), comments, siteNames });
    expect(fewer.totals).toMatchObject({ consolidated: 1, points: 1 });
  });
});
