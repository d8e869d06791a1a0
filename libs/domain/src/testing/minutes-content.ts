import type { PublishedMinutesContent } from '@hoinghi/contracts';

/**
 * A published version's content as tests write it: two sites, an absentee with a reason, a guest, two
 * items (the second skipped and taken up again), an adjournment, a vote, a draft.
 */
export const SAMPLE_HASH = 'ab'.repeat(32);

export const minutesContent = (over: Partial<PublishedMinutesContent> = {}): PublishedMinutesContent => ({
  conferenceId: 'c1', version: 1, documentNumber: '01-BB/BTCTU', corrects: null, correctionReason: null, approvedByName: 'Lê Quốc Phong',
  publishedAt: '2026-12-01T09:30:00.000Z',
  facts: {
    conferenceTitle: 'Hội nghị trực tuyến góp ý các dự thảo văn kiện', hostUnit: 'Ban Tổ chức Tỉnh ủy', superiorBody: 'Tỉnh ủy Đồng Tháp',
    place: 'Hội trường Tỉnh ủy', locality: 'Đồng Tháp', connectedSites: ['Điểm cầu Thành phố Sa Đéc', 'Điểm cầu Huyện Lai Vung'],
    plannedStart: '2026-12-01T00:30:00.000Z', startedAt: '2026-12-01T01:05:00.000Z', endedAt: '2026-12-01T04:40:00.000Z',
    chairs: ['Lê Quốc Phong', 'Phan Văn Thắng'], recorders: ['Trần Thị Bích'],
    attendance: {
      convened: 3, present: 2, late: 1, absent: 1,
      perSite: [
        { siteName: 'Hội trường Tỉnh ủy', convened: 1, present: 1, absentees: [] },
        { siteName: 'Điểm cầu Thành phố Sa Đéc', convened: 2, present: 1, absentees: [{ fullName: 'Lê Thị Ửng', reason: 'Đi công tác' }] },
      ],
      guests: [{ fullName: 'Võ Thành Hiếu', siteName: 'Hội trường Tỉnh ủy' }],
    },
    quorumAtOpening: { convened: 3, present: 2, met: true },
    votes: [{
      pollId: 'p1', agendaItemId: 'a2', title: 'Thông qua chỉ tiêu kết nạp đảng viên', kind: 'open', secret: false,
      labels: { yes: 'Tán thành', no: 'Không tán thành', abstain: 'Không biểu quyết' },
      result: {
        kind: 'open', base: 'electorate', threshold: 'more_than_half', baseCount: 3, required: 2, counts: { yes: 2, no: 0, abstain: 0 },
        percents: { yes: 66.67, no: 0, abstain: 0 }, passed: true, cast: 2, electorate: { electorate: 3, excused: 0, presentAtOpen: 2 }, lateVoters: 0,
      },
    }],
    drafts: [{ title: 'Dự thảo Báo cáo chính trị', version: 2, comments: 14, sites: 5, points: 6, byDisposition: { accepted: 3, partly_accepted: 1, explained: 1, pending: 1 } }],
    businessChanges: [
      { kind: 'item-skipped', at: '2026-12-01T01:20:00.000Z', agendaItemId: 'a2', reason: 'Chờ đại biểu Điểm cầu Huyện Lai Vung kết nối lại' },
      { kind: 'adjourned', at: '2026-12-01T02:00:00.000Z', agendaItemId: null, reason: 'Nghỉ giải lao 15 phút' },
      { kind: 'resumed', at: '2026-12-01T02:15:00.000Z', agendaItemId: null, reason: null },
      { kind: 'item-reopened', at: '2026-12-01T02:20:00.000Z', agendaItemId: 'a2', reason: 'Điểm cầu đã kết nối lại.' },
    ],
  },
  items: [
    {
      agendaItemId: 'a2', position: 2, title: 'Thảo luận', summary: 'Các đại biểu thảo luận.\nThống nhất cao.',
      speakers: [{ floorRequestId: 'f1', fullName: 'Nguyễn Văn Ấn', siteName: 'Điểm cầu Thành phố Sa Đéc', startedAt: null, endedAt: null, summary: 'Đề nghị bổ sung chỉ tiêu' }],
      conclusion: 'Giao Văn phòng tổng hợp', tasks: [{ unit: 'Văn phòng Tỉnh ủy', task: 'Hoàn chỉnh dự thảo', due: '2026-12-15' }],
    },
    { agendaItemId: 'a1', position: 1, title: 'Khai mạc', summary: '', speakers: [], conclusion: '', tasks: [] },
  ],
  ...over,
});
