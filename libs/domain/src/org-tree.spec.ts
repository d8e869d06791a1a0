import { caught } from './testing/caught';
import { assertMovable } from './org-tree';

describe('moving an organisation unit', () => {
  it('goes under another branch, never under itself or its own units', () => {
    expect(() => assertMovable('commune', ['province', 'centre'])).not.toThrow();
    expect(caught(() => assertMovable('district', ['commune', 'district', 'province'])).fields).toEqual({ parentId: ['must not be the unit itself or one of its own units'] });
    expect(caught(() => assertMovable('x', ['x'])).code).toBe('ORG_UNIT_CYCLE');
  });
});
