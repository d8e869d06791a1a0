import { PARTICIPANT_ROLES, type Audience, type RoleAssignment } from '@hoinghi/contracts';
import { canSee, roomsOfAudience, roomsOfViewer, seesSite, viewerScope } from './audiences';

const C = 'c1';
const audiences: Audience[] = [
  { kind: 'conference' },
  { kind: 'leaders' },
  { kind: 'site', siteId: 'A' },
  { kind: 'site', siteId: 'B' },
  { kind: 'site-staff', siteId: 'A' },
  { kind: 'site-staff', siteId: 'B' },
  { kind: 'person', userId: 'u1' },
  { kind: 'person', userId: 'u2' },
];

describe('audiences', () => {
  it('a socket is in a room of an audience exactly when the viewer may see it (every role, every audience)', () => {
    for (const role of PARTICIPANT_ROLES) {
      const roles: RoleAssignment[] = [{ role, siteId: 'A' }];
      const scope = viewerScope('u1', roles);
      const joined = new Set(roomsOfViewer(C, scope));
      for (const audience of audiences) {
        const delivered = roomsOfAudience(C, audience).some((r) => joined.has(r));
        expect({ role, audience, delivered }).toEqual({ role, audience, delivered: canSee(scope, audience) });
      }
    }
  });

  it("keeps one site's delegate records from every other site, and from the leaders", () => {
    const operatorA = viewerScope('u1', [{ role: 'site_operator', siteId: 'A' }]);
    const delegateB = viewerScope('u2', [{ role: 'delegate', siteId: 'B' }]);
    const chair = viewerScope('u3', [{ role: 'chair', siteId: 'MAIN' }]);
    const recordsOfB: Audience = { kind: 'site-staff', siteId: 'B' };
    expect(canSee(operatorA, recordsOfB)).toBe(false);
    expect(canSee(delegateB, recordsOfB)).toBe(false); // delegates do not see each other's reasons
    expect(canSee(chair, recordsOfB)).toBe(false);
    expect(canSee(viewerScope('u4', [{ role: 'site_chair', siteId: 'B' }]), recordsOfB)).toBe(true);
  });

  it('leaders see every site; a site sees only itself', () => {
    const secretary = viewerScope('u1', [{ role: 'secretary', siteId: null }]);
    expect(secretary.leader).toBe(true);
    expect(seesSite(secretary, 'anything')).toBe(true);
    const delegate = viewerScope('u2', [{ role: 'delegate', siteId: 'A' }]);
    expect(seesSite(delegate, 'A')).toBe(true);
    expect(seesSite(delegate, 'B')).toBe(false);
    expect(delegate.staffSiteIds).toEqual([]);
    expect(viewerScope('u5', [{ role: 'observer', siteId: null }])).toEqual({ userId: 'u5', leader: false, siteIds: [], staffSiteIds: [] });
  });

  it('a person with roles at two sites sees both', () => {
    const scope = viewerScope('u1', [{ role: 'site_operator', siteId: 'A' }, { role: 'delegate', siteId: 'B' }]);
    expect(scope.siteIds.sort()).toEqual(['A', 'B']);
    expect(scope.staffSiteIds).toEqual(['A']);
  });
});
