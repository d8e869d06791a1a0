import { planCopy } from './conference-copy';

describe('copying a conference', () => {
  const sites = [
    { id: 'commune', name: 'Xã Mỹ An', place: '', orgUnitId: 'u3', parentSiteId: 'district', isMain: false, position: 1 },
    { id: 'district', name: 'Huyện Tháp Mười', place: '', orgUnitId: 'u2', parentSiteId: 'main', isMain: false, position: 2 },
    { id: 'main', name: 'Hội trường', place: 'Cao Lãnh', orgUnitId: 'u1', parentSiteId: null, isMain: true, position: 0 },
  ];
  const agenda = [
    { position: 2, title: 'Kết luận', kind: 'conclusion' as const, presenter: '', plannedMinutes: 10 },
    { position: 1, title: 'Báo cáo', kind: 'report' as const, presenter: 'Ban Tổ chức', plannedMinutes: 30 },
  ];
  const participants = [
    { userId: 'chair', role: 'chair' as const, siteId: 'main', votingRight: true },
    { userId: 'd1', role: 'delegate' as const, siteId: 'commune', votingRight: false },
  ];

  it('keeps the tree parents first, the agenda in order and everyone with their site and voting right', () => {
    const plan = planCopy({ sites, agenda, participants }, 'chair');
    expect(plan.sites.map((s) => [s.key, s.parentKey, s.isMain])).toEqual([
      ['main', undefined, true], ['district', 'main', false], ['commune', 'district', false],
    ]);
    expect(plan.agenda.map((i) => i.title)).toEqual(['Báo cáo', 'Kết luận']);
    expect(plan.participants).toEqual([
      { userId: 'chair', role: 'chair', siteKey: 'main', votingRight: true },
      { userId: 'd1', role: 'delegate', siteKey: 'commune', votingRight: false },
    ]);
  });

  it('makes whoever copies it a chair of the copy', () => {
    expect(planCopy({ sites, agenda, participants }, 'co').participants.at(-1)).toEqual({ userId: 'co', role: 'chair', siteKey: 'main', votingRight: false });
  });
});
