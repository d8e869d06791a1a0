import type { AttendanceRecordView } from '@hoinghi/contracts';
import { attendanceColumns, countAttendance } from './attendance';
import { vietnamTime } from './party-document';

// The attendance report (báo cáo điểm danh) per site: who was convened, their state in Vietnamese, the
// reason recorded for an absence, and the times — as rows a spreadsheet writer lays out.

export const ATTENDANCE_REPORT_COLUMNS = ['STT', 'Họ và tên', 'Trạng thái', 'Lý do vắng', 'Giờ có mặt', 'Giờ rời hội nghị'] as const;

const hourMinute = (iso: string | null) => {
  if (!iso) return '';
  const t = vietnamTime(iso);
  return `${t.hour}:${t.minute} ${t.day}/${t.month}/${t.year}`;
};

/** A delegate's state as the report says it. */
export function attendanceStateWords(record: Pick<AttendanceRecordView, 'status' | 'checkedOutAt'>): string {
  if (record.checkedOutAt) return 'Đã rời hội nghị';
  switch (record.status) {
    case null:
      return 'Chưa điểm danh';
    case 'present':
      return 'Có mặt';
    case 'late':
      return 'Đến muộn';
    case 'absent':
      return 'Vắng';
  }
}

export interface AttendanceReportSheet {
  siteName: string;
  rows: string[][];
  /** "Triệu tập 12 · Có mặt 10 (đến muộn 1) · Vắng 1 · Chưa có mặt 1". */
  totals: string;
}

/** One site's rows, ordered by name as Vietnamese sorts it. */
export function attendanceReportSheet(siteName: string, records: AttendanceRecordView[]): AttendanceReportSheet {
  const sorted = [...records].sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  const rows = sorted.map((r, i) => [
    String(i + 1), r.fullName, attendanceStateWords(r), r.status === 'absent' ? (r.reason ?? '') : '', hourMinute(r.checkedInAt), hourMinute(r.checkedOutAt),
  ]);
  const columns = attendanceColumns(countAttendance(records.map((r) => ({ siteId: r.siteId, status: r.status, checkedOut: r.checkedOutAt !== null }))));
  return {
    siteName,
    rows,
    totals: `Triệu tập ${columns.convened} · Có mặt ${columns.present} (đến muộn ${columns.late}) · Vắng ${columns.absent} · Chưa có mặt ${columns.notPresent}`,
  };
}

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
export function worksheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Điểm cầu';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
