import { caught } from './testing/caught';
import { editedPlan } from './conference-edit';

const plan = {
  title: 'Hội nghị', plannedStart: new Date('2026-12-01T01:00:00Z'), plannedEnd: new Date('2026-12-01T04:00:00Z'), quorumNumerator: 2, quorumDenominator: 3,
};

describe('editing a conference', () => {
  it('changes anything before the start', () => {
    expect(editedPlan('scheduled', plan, { title: ' Hội nghị mới ', quorumNumerator: 1, quorumDenominator: 2, plannedStart: '2026-12-02T01:00:00Z', plannedEnd: '2026-12-02T03:00:00Z' }))
      .toEqual({ title: 'Hội nghị mới', plannedStart: new Date('2026-12-02T01:00:00Z'), plannedEnd: new Date('2026-12-02T03:00:00Z'), quorumNumerator: 1, quorumDenominator: 2 });
  });

  it('keeps the quorum rule and the planned start once live, but lets the title and the end move', () => {
    expect(editedPlan('live', plan, { title: 'Tên khác', plannedEnd: '2026-12-01T05:00:00Z', quorumNumerator: 2 }).title).toBe('Tên khác');
    expect(caught(() => editedPlan('live', plan, { quorumNumerator: 1, quorumDenominator: 2 })).code).toBe('CONFERENCE_ALREADY_STARTED');
    expect(caught(() => editedPlan('adjourned', plan, { plannedStart: '2026-12-01T00:00:00Z' })).code).toBe('CONFERENCE_ALREADY_STARTED');
    expect(caught(() => editedPlan('ended', plan, { title: 'x' })).code).toBe('CONFERENCE_CLOSED');
  });

  it('names the field of an impossible plan', () => {
    expect(caught(() => editedPlan('draft', plan, { plannedEnd: '2026-12-01T00:00:00Z' })).fields).toEqual({ plannedEnd: ['must be after plannedStart'] });
    expect(caught(() => editedPlan('draft', plan, { quorumNumerator: 4 })).fields).toHaveProperty('quorumNumerator');
  });
});
