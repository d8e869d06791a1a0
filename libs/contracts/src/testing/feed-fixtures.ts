// Snapshots and deltas for the contracts' specs (the feed, the apply function, the sync loop).
import type { ConferenceSnapshot, FloorRequestView, SiteAttendance } from '../model';
import type { ConferenceDelta, DeltaBody } from '../realtime';

export const totals = (present: number) => ({ siteId: 'all' as const, convened: 6, present, late: 0, absent: 0 });
export const quorum = (present: number) => ({ convened: 6, present, required: 4, reached: present >= 4 });
export const request = (id: string, place: number | null, status: FloorRequestView['status'] = 'queued'): FloorRequestView => ({
  id, siteId: 'A', siteName: 'Điểm cầu A', participantId: null, speakerName: 'Điểm cầu A', note: null, status,
  requestedAt: '2026-12-01T01:00:00.000Z', grantedAt: null, endedAt: null, spokenSeconds: null, place, section: null, limitSeconds: null,
});

export function base(version = 10): ConferenceSnapshot {
  return {
    version,
    scope: { userId: 'u', leader: false, siteIds: ['A'], staffSiteIds: ['A'], desk: false },
    conference: {
      id: 'c', title: 'Hội nghị', kind: 'review', status: 'live', hostUnitId: 'h', hostUnitName: 'Tỉnh ủy', plannedStart: '', plannedEnd: '',
      quorumNumerator: 2, quorumDenominator: 3, startedAt: null, endedAt: null, statusReason: null,
    },
    sites: [],
    agenda: [
      { id: 'i1', position: 1, title: 'Khai mạc', kind: 'report', presenter: '', plannedMinutes: 5, state: 'active', startedAt: null, endedAt: null, stateReason: null },
      { id: 'i2', position: 2, title: 'Thảo luận', kind: 'discussion', presenter: '', plannedMinutes: 5, state: 'pending', startedAt: null, endedAt: null, stateReason: null },
    ],
    attendance: { perSite: [{ siteId: 'A', convened: 3, present: 0, late: 0, absent: 0 }], totals: totals(0), quorum: quorum(0) },
    totalsVersion: version,
    records: [],
    floor: { holder: null, queue: [] },
    drafts: [],
    comments: { items: [], receipts: [] },
    minutes: [],
    points: [],
    polls: { items: [], tallies: [], myReceipts: [], asOf: { turnout: 0, tally: 0 } },
    desk: [],
    mediaControls: { floorShareAllowed: false, mutedSiteIds: [] },
  };
}

export const delta = (version: number, prev: number | null, stream: string, body: DeltaBody): ConferenceDelta =>
  ({ version, prev, stream, at: '2026-12-01T01:00:00.000Z', ...body }) as ConferenceDelta;
export const site = (version: number, prev: number, present: number) => {
  const counts: SiteAttendance = { siteId: 'A', convened: 3, present, late: 0, absent: 0 };
  return delta(version, prev, 'site:A', { type: 'attendance.site', data: { site: counts, totals: totals(present), quorum: quorum(present) } });
};
export const holder = (version: number, prev: number, id: string | null) =>
  delta(version, prev, 'conference', { type: 'floor.holder', data: { holder: id ? request(id, null, 'speaking') : null } });
