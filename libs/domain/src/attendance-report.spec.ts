import type { AttendanceRecordView } from '@hoinghi/contracts';
import { attendanceReportSheet, attendanceStateWords, worksheetName } from './attendance-report';

const record = (fullName: string, status: AttendanceRecordView['status'], extra: Partial<AttendanceRecordView> = {}): AttendanceRecordView => ({
  participantId: fullName, fullName, siteId: 'S', status, reason: null, checkedInAt: null, checkedOutAt: null, ...extra,
});

describe('attendance report', () => {
  it('words each state in Vietnamese, a delegate who left as gone', () => {
    expect(attendanceStateWords(record('a', null))).toBe('Chưa điểm danh');
    expect(attendanceStateWords(record('a', 'present'))).toBe('Có mặt');
    expect(attendanceStateWords(record('a', 'late'))).toBe('Đến muộn');
    expect(attendanceStateWords(record('a', 'absent'))).toBe('Vắng');
    expect(attendanceStateWords(record('a', 'present', { checkedOutAt: '2026-12-01T03:00:00Z' }))).toBe('Đã rời hội nghị');
  });

  it('lists delegates by name in Vietnamese order with reasons and Vietnam times, and totals that add up', () => {
    const sheet = attendanceReportSheet('Điểm cầu Sa Đéc', [
      record('Trần Văn Đức', 'absent', { reason: 'Đi học lớp bồi dưỡng' }),
      record('Lê Thị Ánh', 'late', { checkedInAt: '2026-12-01T01:05:00Z' }),
      record('Nguyễn Văn Bình', null),
      record('Đỗ Minh Châu', 'present', { checkedInAt: '2026-12-01T00:25:00Z' }),
    ]);
    expect(sheet.rows).toEqual([
      ['1', 'Đỗ Minh Châu', 'Có mặt', '', '07:25 01/12/2026', ''],
      ['2', 'Lê Thị Ánh', 'Đến muộn', '', '08:05 01/12/2026', ''],
      ['3', 'Nguyễn Văn Bình', 'Chưa điểm danh', '', '', ''],
      ['4', 'Trần Văn Đức', 'Vắng', 'Đi học lớp bồi dưỡng', '', ''],
    ]);
    expect(sheet.totals).toBe('Triệu tập 4 · Có mặt 2 (đến muộn 1) · Vắng 1 · Chưa có mặt 1');
  });

  it('names worksheets as Excel allows: 31 characters, no forbidden signs, unique', () => {
    const taken = new Set<string>();
    expect(worksheetName('Điểm cầu Huyện Lai Vung', taken)).toBe('Điểm cầu Huyện Lai Vung');
    expect(worksheetName('Điểm cầu Huyện Lai Vung', taken)).toBe('Điểm cầu Huyện Lai Vung 2');
    expect(worksheetName('Phường 1/TP Cao Lãnh [cũ]', taken)).toBe('Phường 1 TP Cao Lãnh  cũ');
    expect(worksheetName('Điểm cầu Ủy ban nhân dân thành phố Hồng Ngự', taken)).toHaveLength(31);
  });
});
