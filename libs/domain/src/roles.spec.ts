import { PARTICIPANT_ROLES, type ParticipantRole, type RoleAssignment } from '@hoinghi/contracts';
import { assertCan, can, Permission } from './roles';
import { caught } from './testing/caught';

const PERMISSIONS: Permission[] = [
  'conference.view',
  'conference.manage',
  'agenda.control',
  'floor.control',
  'floor.request',
  'attendance.check',
  'attendance.absentees',
  'audit.view',
  'drafts.manage',
  'consultation.control',
  'comments.submit',
  'comments.site',
  'comments.floor',
  'consolidation.manage',
  'media.join',
  'polls.manage',
  'polls.control',
  'polls.voters',
  'ballots.cast',
];
const SITE_SCOPED: Permission[] = ['floor.request', 'attendance.check', 'comments.site', 'media.join', 'polls.voters'];
/** A ballot is one's own: a chair votes through their own delegate's assignment, never by presiding. */
const OWN_ONLY: Permission[] = ['ballots.cast'];
const CHAIR_PERMISSIONS = PERMISSIONS.filter((p) => !OWN_ONLY.includes(p));

/** Who may do what, written out. Site-scoped permissions: at the assignment's own site. */
const MATRIX: Record<ParticipantRole, Permission[]> = {
  chair: CHAIR_PERMISSIONS,
  co_chair: CHAIR_PERMISSIONS,
  site_chair: ['conference.view', 'floor.request', 'attendance.check', 'comments.site', 'media.join', 'polls.voters'],
  site_operator: ['conference.view', 'floor.request', 'attendance.check', 'comments.site', 'media.join', 'polls.voters'],
  delegate: ['conference.view', 'floor.request', 'comments.submit', 'ballots.cast'],
  secretary: ['conference.view', 'attendance.absentees', 'audit.view', 'drafts.manage', 'comments.floor', 'consolidation.manage', 'polls.manage'],
  observer: ['conference.view'],
};

const as = (role: ParticipantRole, siteId: string | null = null): RoleAssignment[] => [{ role, siteId }];

describe('can', () => {
  it('covers every role the contracts define', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...PARTICIPANT_ROLES].sort());
  });

  describe.each(Object.keys(MATRIX) as ParticipantRole[])('%s at site-1', (role) => {
    const assignments = as(role, 'site-1');

    it.each(PERMISSIONS)('%s at its own site matches the matrix', (permission) => {
      expect(can(assignments, permission, 'site-1')).toBe(MATRIX[role].includes(permission));
    });

    it.each(PERMISSIONS.filter((p) => !SITE_SCOPED.includes(p)))('%s (not site-scoped) matches the matrix without a site', (permission) => {
      expect(can(assignments, permission)).toBe(MATRIX[role].includes(permission));
    });
  });

  describe.each(['chair', 'co_chair'] as const)('%s', (role) => {
    it.each(CHAIR_PERMISSIONS)('may %s at any site, or with no site named', (permission) => {
      // chairs sit in the main hall (often with no site of their own) and act for every site
      for (const assignments of [as(role), as(role, 'main')]) {
        expect(can(assignments, permission)).toBe(true);
        expect(can(assignments, permission, 'main')).toBe(true);
        expect(can(assignments, permission, 'district-9')).toBe(true);
      }
    });
  });

  describe.each(['site_operator', 'site_chair'] as const)('%s', (role) => {
    it.each(SITE_SCOPED)('may %s only at their own site', (permission) => {
      expect(can(as(role, 'site-1'), permission, 'site-1')).toBe(true);
      expect(can(as(role, 'site-1'), permission, 'site-2')).toBe(false);
      expect(can(as(role, 'site-1'), permission)).toBe(false);
    });

    it('may not act for a site when assigned to none', () => {
      expect(can(as(role, null), 'attendance.check', 'site-1')).toBe(false);
    });

    it.each(['conference.manage', 'agenda.control', 'floor.control', 'audit.view', 'drafts.manage'] as const)('may not %s', (permission) => {
      expect(can(as(role, 'site-1'), permission)).toBe(false);
      expect(can(as(role, 'site-1'), permission, 'site-1')).toBe(false);
    });
  });

  describe('delegate', () => {
    it('may view the conference and ask for the floor at their own site', () => {
      expect(can(as('delegate', 'site-1'), 'conference.view')).toBe(true);
      expect(can(as('delegate', 'site-1'), 'floor.request', 'site-1')).toBe(true);
    });

    it('may not ask for the floor for another site', () => {
      expect(can(as('delegate', 'site-1'), 'floor.request', 'site-2')).toBe(false);
      expect(can(as('delegate', 'site-1'), 'floor.request')).toBe(false);
    });

    it.each(['attendance.check', 'comments.site', 'media.join'] as const)('may not %s even at their own site', (permission) => {
      expect(can(as('delegate', 'site-1'), permission, 'site-1')).toBe(false);
    });

    it.each(['conference.manage', 'agenda.control', 'floor.control', 'audit.view', 'drafts.manage'] as const)('may not %s', (permission) => {
      expect(can(as('delegate', 'site-1'), permission)).toBe(false);
    });
  });

  it('grants nothing to someone with no assignment', () => {
    for (const permission of PERMISSIONS) {
      expect(can([], permission)).toBe(false);
      expect(can([], permission, 'site-1')).toBe(false);
    }
  });

  it('combines several assignments, each at its own site', () => {
    const roles: RoleAssignment[] = [
      { role: 'site_operator', siteId: 'site-1' },
      { role: 'delegate', siteId: 'site-2' },
    ];
    expect(can(roles, 'attendance.check', 'site-1')).toBe(true);
    expect(can(roles, 'attendance.check', 'site-2')).toBe(false);
    expect(can(roles, 'floor.request', 'site-2')).toBe(true);
    expect(can(roles, 'floor.request', 'site-3')).toBe(false);
    expect(can(roles, 'floor.control')).toBe(false);
  });

  it('lets a chair assignment win over a narrower one', () => {
    const roles: RoleAssignment[] = [
      { role: 'delegate', siteId: 'site-2' },
      { role: 'co_chair', siteId: null },
    ];
    expect(can(roles, 'attendance.check', 'site-7')).toBe(true);
    expect(can(roles, 'floor.control')).toBe(true);
  });
});

describe('assertCan', () => {
  it('passes silently when allowed', () => {
    expect(() => assertCan(as('chair'), 'conference.manage')).not.toThrow();
    expect(() => assertCan(as('site_operator', 'site-1'), 'attendance.check', 'site-1')).not.toThrow();
    expect(() => assertCan(as('delegate', 'site-1'), 'floor.request', 'site-1')).not.toThrow();
  });

  it('refuses a non-participant as forbidden', () => {
    const error = caught(() => assertCan([], 'conference.view'));
    expect(error.category).toBe('forbidden');
    expect(error.code).toBe('NOT_A_PARTICIPANT');
    expect(error.message).toBe('You are not a participant of this conference.');
  });

  it('refuses a non-participant even for site-scoped permissions', () => {
    expect(caught(() => assertCan([], 'floor.request', 'site-1')).code).toBe('NOT_A_PARTICIPANT');
  });

  it('refuses an operator at another site, naming the site problem', () => {
    const error = caught(() => assertCan(as('site_operator', 'site-1'), 'attendance.check', 'site-2'));
    expect(error.category).toBe('forbidden');
    expect(error.code).toBe('ROLE_FORBIDDEN');
    expect(error.message).toBe('Your role in this conference does not allow attendance.check at this site.');
  });

  it('refuses a role that lacks a conference-wide permission', () => {
    const error = caught(() => assertCan(as('delegate', 'site-1'), 'floor.control'));
    expect(error.category).toBe('forbidden');
    expect(error.code).toBe('ROLE_FORBIDDEN');
    expect(error.message).toBe('Your role in this conference does not allow floor.control.');
  });

  it('does not mention a site for a permission that is not site-scoped', () => {
    const error = caught(() => assertCan(as('observer', 'site-1'), 'audit.view', 'site-1'));
    expect(error.message).toBe('Your role in this conference does not allow audit.view.');
  });

  it('refuses a site-scoped permission asked without a site', () => {
    const error = caught(() => assertCan(as('site_operator', 'site-1'), 'attendance.check'));
    expect(error.code).toBe('ROLE_FORBIDDEN');
    expect(error.message).toBe('Your role in this conference does not allow attendance.check.');
  });
});
