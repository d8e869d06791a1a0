import { PARTICIPANT_ROLES, type Audience, type RoleAssignment } from '@hoinghi/contracts';
import { canSee, roomsOfAudience, roomsOfViewer, runsASite, seesSite, viewerScope } from './audiences';

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
  { kind: 'desk', siteId: 'A' },
  { kind: 'desk', siteId: 'B' },
  { kind: 'desk', siteId: 'MAIN' },
];

describe('audiences', () => {
  it('a socket is in a room of an audience exactly when the viewer may see it (every role, at a district or the main hall)', () => {
    for (const role of PARTICIPANT_ROLES) {
      for (const siteId of ['A', 'MAIN']) {
        const roles: RoleAssignment[] = [{ role, siteId }];
        const scope = viewerScope('u1', roles, 'MAIN');
        const joined = new Set(roomsOfViewer(C, scope));
        for (const audience of audiences) {
          const delivered = roomsOfAudience(C, audience).some((r) => joined.has(r));
          expect({ role, siteId, audience, delivered }).toEqual({ role, siteId, audience, delivered: canSee(scope, audience) });
        }
      }
    }
  });

  it("gives a site's desk thread to its own staff and the main hall's desk only: never another district, its delegates or the secretariat", () => {
    const threadOfA: Audience = { kind: 'desk', siteId: 'A' };
    const see = (roles: RoleAssignment[]) => canSee(viewerScope('u1', roles, 'MAIN'), threadOfA);
    expect(see([{ role: 'site_operator', siteId: 'A' }])).toBe(true);
    expect(see([{ role: 'site_chair', siteId: 'A' }])).toBe(true);
    expect(see([{ role: 'site_operator', siteId: 'MAIN' }])).toBe(true); // the main hall's technical desk
    expect(see([{ role: 'site_chair', siteId: 'MAIN' }])).toBe(true);
    expect(see([{ role: 'chair', siteId: 'MAIN' }])).toBe(true);
    expect(see([{ role: 'co_chair', siteId: null }])).toBe(true);
    expect(see([{ role: 'site_operator', siteId: 'B' }])).toBe(false); // another district
    expect(see([{ role: 'site_chair', siteId: 'B' }])).toBe(false);
    expect(see([{ role: 'delegate', siteId: 'A' }])).toBe(false); // the site's own delegates
    expect(see([{ role: 'delegate', siteId: 'MAIN' }])).toBe(false);
    expect(see([{ role: 'secretary', siteId: null }])).toBe(false);
    expect(see([{ role: 'observer', siteId: 'MAIN' }])).toBe(false);
    // Without knowing the main site, a district's staff is never taken for the desk.
    expect(viewerScope('u1', [{ role: 'site_operator', siteId: 'B' }]).desk).toBe(false);
    expect(canSee(viewerScope('u1', [{ role: 'site_operator', siteId: 'B' }], 'B'), threadOfA)).toBe(true); // B is the main hall here
  });

  it('needs the main site only for someone who runs a site', () => {
    expect(runsASite([{ role: 'delegate', siteId: 'A' }, { role: 'chair', siteId: 'MAIN' }])).toBe(false);
    expect(runsASite([{ role: 'site_operator', siteId: 'A' }])).toBe(true);
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
    expect(viewerScope('u5', [{ role: 'observer', siteId: null }])).toEqual({ userId: 'u5', leader: false, siteIds: [], staffSiteIds: [], desk: false });
  });

  it('a person with roles at two sites sees both', () => {
    const scope = viewerScope('u1', [{ role: 'site_operator', siteId: 'A' }, { role: 'delegate', siteId: 'B' }]);
    expect(scope.siteIds.sort()).toEqual(['A', 'B']);
    expect(scope.staffSiteIds).toEqual(['A']);
  });
});
