import type { ViewerScope } from '@hoinghi/contracts';
import { assertConsultationOpen, canSeeComment, commentAudiences, nextConsultationState } from './comments';
import { caught } from './testing/caught';

const scope = (over: Partial<ViewerScope>): ViewerScope => ({ userId: 'someone', leader: false, siteIds: [], staffSiteIds: [], desk: false, ...over });

describe('comment audiences', () => {
  const delegate = { kind: 'delegate' as const, authorUserId: 'author', siteId: 'site-1' };
  const site = { kind: 'site' as const, authorUserId: 'operator', siteId: 'site-1' };

  it('a delegate\'s comment: the author and the leaders, not the author\'s site nor another', () => {
    expect(commentAudiences(delegate)).toEqual([{ kind: 'leaders' }, { kind: 'person', userId: 'author' }]);
    expect(canSeeComment(scope({ userId: 'author', siteIds: ['site-1'] }), delegate)).toBe(true);
    expect(canSeeComment(scope({ leader: true }), delegate)).toBe(true);
    expect(canSeeComment(scope({ siteIds: ['site-1'], staffSiteIds: ['site-1'] }), delegate)).toBe(false);
    expect(canSeeComment(scope({ siteIds: ['site-2'] }), delegate)).toBe(false);
  });

  it('a site\'s opinion: also that site\'s staff, never its delegates or another site', () => {
    expect(canSeeComment(scope({ siteIds: ['site-1'], staffSiteIds: ['site-1'] }), site)).toBe(true);
    expect(canSeeComment(scope({ siteIds: ['site-1'] }), site)).toBe(false);
    expect(canSeeComment(scope({ siteIds: ['site-2'], staffSiteIds: ['site-2'] }), site)).toBe(false);
  });
});

describe('consultation', () => {
  it('opens, closes, reopens; refuses the rest with a sentence', () => {
    expect(nextConsultationState('not_open', 'open')).toBe('open');
    expect(nextConsultationState('open', 'close')).toBe('closed');
    expect(nextConsultationState('closed', 'open')).toBe('open');
    expect(caught(() => nextConsultationState('open', 'open'))).toMatchObject({ code: 'CONSULTATION_WRONG_STATE' });
    expect(caught(() => nextConsultationState('not_open', 'close'))).toMatchObject({ code: 'CONSULTATION_WRONG_STATE' });
  });

  it('takes comments only while open', () => {
    expect(() => assertConsultationOpen('open', 'Dự thảo')).not.toThrow();
    expect(caught(() => assertConsultationOpen('closed', 'Dự thảo'))).toMatchObject({ code: 'CONSULTATION_NOT_OPEN', message: expect.stringMatching(/closed/) });
    expect(caught(() => assertConsultationOpen('not_open', 'Dự thảo'))).toMatchObject({ code: 'CONSULTATION_NOT_OPEN' });
  });
});
