import 'reflect-metadata';
import { DomainError } from '@hoinghi/domain';
import { ReorderAgendaRequestDto } from '../agenda/dto/agenda.dto';
import { CheckInRequestDto } from '../attendance/dto/attendance.dto';
import { LoginRequestDto } from '../auth/dto/login.dto';
import { CreateConferenceRequestDto } from '../conferences/dto/create-conference.dto';
import { FloorRequestRequestDto, MoveFloorRequestDto } from '../floor/dto/floor.dto';
import { CreateOrgUnitRequestDto } from '../org-units/dto/org-unit.dto';
import { AddParticipantRequestDto } from '../participants/dto/participant.dto';
import { AddSiteRequestDto } from '../sites/dto/site.dto';
import { UserSearchQueryDto } from '../users/dto/user.dto';
import { validationPipe } from './validation';

const UNIT = '4f0c6a4e-8a7e-4b53-9d43-3f1d2f0e7a11';

/** The `fields` of the 400 that the global pipe answers for this body, or undefined when it passes. */
async function fieldsOf(metatype: new () => object, value: unknown, type: 'body' | 'query' = 'body') {
  try {
    await validationPipe().transform(value, { type, metatype });
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    return (error as DomainError).fields;
  }
}

/** The `fieldRules` of that 400. */
async function rulesOf(metatype: new () => object, value: unknown) {
  try {
    await validationPipe().transform(value, { type: 'body', metatype });
    return undefined;
  } catch (error) {
    return (error as DomainError).fieldRules;
  }
}

const conference = (patch: Record<string, unknown> = {}) => ({
  title: 'Hội nghị trực tuyến', kind: 'review', hostUnitId: UNIT,
  plannedStart: '2026-11-23T01:30:00Z', plannedEnd: '2026-11-23T04:30:00Z',
  sites: [{ key: 'main', name: 'Hội trường Tỉnh ủy', orgUnitId: UNIT, isMain: true }],
  agenda: [{ title: 'Khai mạc', kind: 'report', plannedMinutes: 10 }],
  ...patch,
});

describe('request DTOs say what is wrong with each field', () => {
  it('accepts a well-formed conference', async () => {
    expect(await fieldsOf(CreateConferenceRequestDto, conference())).toBeUndefined();
  });

  it.each([
    [CreateConferenceRequestDto, ['title', 'kind', 'hostUnitId', 'plannedStart', 'plannedEnd', 'sites', 'agenda']],
    [LoginRequestDto, ['username', 'password']],
    [AddSiteRequestDto, ['name', 'orgUnitId']],
    [AddParticipantRequestDto, ['userId', 'role']],
    [FloorRequestRequestDto, ['siteId']],
    [MoveFloorRequestDto, ['position']],
    [ReorderAgendaRequestDto, ['itemIds']],
    [CheckInRequestDto, ['status']],
    [CreateOrgUnitRequestDto, ['name', 'level']],
  ] as const)('%p: a missing field "is required", not a complaint about its length or type', async (dto, required) => {
    const fields = await fieldsOf(dto, {});
    expect(fields).toEqual(Object.fromEntries(required.map((f) => [f, ['is required']])));
  });

  it.each([
    ['too long', { title: 'x'.repeat(301) }, 'title', 'must be at most 300 characters'],
    ['empty', { title: '' }, 'title', 'must not be empty'],
    ['not text', { title: 5 }, 'title', 'must be text'],
    ['an unknown kind', { kind: 'party' }, 'kind', 'must be one of: review, briefing, dissemination, draft_consultation, confidence_vote, other'],
    ['not a date', { plannedStart: 'tomorrow' }, 'plannedStart', 'must be a date and time in ISO 8601, e.g. 2026-11-23T01:30:00Z'],
    ['a quorum of zero', { quorumNumerator: 0 }, 'quorumNumerator', 'must be at least 1'],
    ['no site', { sites: [] }, 'sites', 'must list at least 1 site'],
    ['a site that is not a list', { sites: 'main' }, 'sites', 'must be a list of sites'],
    ['a site without an org unit', { sites: [{ key: 'main', name: 'Hội trường', isMain: true }] }, 'sites.0.orgUnitId', 'is required'],
    ['a site with a bad org unit', { sites: [{ key: 'main', name: 'Hội trường', orgUnitId: 'x', isMain: true }] }, 'sites.0.orgUnitId', 'must be a UUID'],
    ['a fractional duration', { agenda: [{ title: 'Khai mạc', kind: 'report', plannedMinutes: 1.5 }] }, 'agenda.0.plannedMinutes', 'must be a whole number'],
    ['an overlong item', { agenda: [{ title: 'Khai mạc', kind: 'report', plannedMinutes: 601 }] }, 'agenda.0.plannedMinutes', 'must be at most 600'],
  ])('a conference with %s names the field and the rule', async (_what, patch, field, message) => {
    expect(await fieldsOf(CreateConferenceRequestDto, conference(patch))).toEqual({ [field]: [message] });
  });

  it('asks for a reason only when a delegate is absent', async () => {
    expect(await fieldsOf(CheckInRequestDto, { status: 'present' })).toBeUndefined();
    expect(await fieldsOf(CheckInRequestDto, { status: 'absent' })).toEqual({ reason: ['is required when absent'] });
    expect(await fieldsOf(CheckInRequestDto, { status: 'absent', reason: 'x'.repeat(501) })).toEqual({ reason: ['must be at most 500 characters'] });
  });

  it('reads paging from the query string within its limits', async () => {
    expect(await fieldsOf(UserSearchQueryDto, { limit: '200', offset: '0' }, 'query')).toBeUndefined();
    expect(await fieldsOf(UserSearchQueryDto, { limit: '201', offset: '-1' }, 'query')).toEqual({
      limit: ['must be at most 200'], offset: ['must be at least 0'],
    });
    expect(await fieldsOf(UserSearchQueryDto, { limit: 'many' }, 'query')).toEqual({ limit: ['must be a whole number'] });
  });

  it.each([
    [{ title: 'x'.repeat(301) }, 'title', { rule: 'maxLength', limit: 300 }],
    [{ title: '' }, 'title', { rule: 'notEmpty' }],
    [{ title: 5 }, 'title', { rule: 'text' }],
    [{ title: undefined }, 'title', { rule: 'required' }],
    [{ kind: 'party' }, 'kind', { rule: 'oneOf', values: ['review', 'briefing', 'dissemination', 'draft_consultation', 'confidence_vote', 'other'] }],
    [{ plannedStart: 'tomorrow' }, 'plannedStart', { rule: 'dateTime' }],
    [{ quorumNumerator: 0 }, 'quorumNumerator', { rule: 'min', limit: 1 }],
    [{ sites: [] }, 'sites', { rule: 'minItems', limit: 1 }],
    [{ agenda: [{ title: 'Khai mạc', kind: 'report', plannedMinutes: 601 }] }, 'agenda.0.plannedMinutes', { rule: 'max', limit: 600 }],
    [{ colour: 'red' }, 'colour', { rule: 'unknownField' }],
  ])('says each problem as a rule too, for clients that word it themselves: %j', async (patch, field, rule) => {
    expect(await rulesOf(CreateConferenceRequestDto, conference(patch))).toEqual({ [field]: [rule] });
  });

  it('words the absence reason\'s rules as the other fields', async () => {
    expect(await rulesOf(CheckInRequestDto, { status: 'absent' })).toEqual({ reason: [{ rule: 'required' }] });
    expect(await rulesOf(CheckInRequestDto, { status: 'absent', reason: 'x'.repeat(501) })).toEqual({ reason: [{ rule: 'maxLength', limit: 500 }] });
  });
});
