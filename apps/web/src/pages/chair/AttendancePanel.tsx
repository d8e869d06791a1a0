import type { AttendanceRecordView, AttendanceSummary, SiteView } from '@hoinghi/contracts';
import { attendanceColumns, type AttendanceColumns, type AttendanceCounts } from '@hoinghi/domain';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { ErrorNotice } from '../../components/ErrorNotice';
import { QuorumLine } from '../../components/QuorumLine';
import { sitesInTreeOrder } from '../../conference/sites';
import { useAction } from '../../hooks/useAction';
import { formatTime } from '../../i18n/format';
import { AttendanceReportButton } from '../../components/AttendanceReportButton';
import { useT } from '../../i18n/I18nContext';

const EMPTY_COUNTS: AttendanceCounts = { convened: 0, present: 0, late: 0, absent: 0 };

/** The columns in order; each adds into "convened" except the last, "present", which sums on time and late. */
const COLUMNS: Array<keyof AttendanceColumns> = ['convened', 'onTime', 'late', 'absent', 'notPresent', 'present'];

/**
 * Attendance per site in tree order (main site first), the totals and the quorum, in columns that add up;
 * for the leaders, who is absent and why (read on request: the live records stay with each site's staff).
 */
export function AttendancePanel({ conferenceId, sites, attendance, canReadAbsentees }: {
  conferenceId: string;
  sites: SiteView[];
  attendance: AttendanceSummary;
  canReadAbsentees: boolean;
}) {
  const t = useT();
  const countsBySite = new Map(attendance.perSite.map((row) => [row.siteId, row]));
  const labels: Record<keyof AttendanceColumns, string> = {
    convened: t.console.convened, onTime: t.console.onTime, late: t.console.late, absent: t.console.absent,
    notPresent: t.console.notPresent, present: t.console.presentTotal,
  };
  return (
    <section className="panel panel--attendance">
      <header className="panel__header">
        <h2>{t.console.attendance}</h2>
      </header>
      <QuorumLine quorum={attendance.quorum} />
      <div className="table-scroll">
        <table className="attendance-table">
          <thead>
            <tr>
              <th scope="col">{t.console.site}</th>
              {COLUMNS.map((column) => (
                <th key={column} scope="col" title={t.console.columnHints[column]} className={column === 'present' ? 'attendance-table__sum' : undefined}>
                  {labels[column]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sitesInTreeOrder(sites).map(({ site, depth }) => (
              <tr key={site.id} data-testid="attendance-site" data-site-id={site.id} className={site.isMain ? 'attendance-table__main' : undefined}>
                <th scope="row" style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}>
                  {site.name}
                </th>
                <Counts counts={countsBySite.get(site.id) ?? EMPTY_COUNTS} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="attendance-total">
              <th scope="row">{t.console.total}</th>
              <Counts counts={attendance.totals} />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="attendance-legend" data-testid="attendance-legend">{t.console.attendanceLegend}</p>
      {canReadAbsentees && <AttendanceReportButton conferenceId={conferenceId} />}
      {canReadAbsentees && <Absentees conferenceId={conferenceId} sites={sites} />}
    </section>
  );
}

function Counts({ counts }: { counts: AttendanceCounts }) {
  const columns = attendanceColumns(counts);
  return (
    <>
      {COLUMNS.map((column) => (
        <td key={column} data-column={column} className={column === 'present' ? 'attendance-table__sum' : undefined}>
          {columns[column]}
        </td>
      ))}
    </>
  );
}

/** Who is not present, by site, with the reason the site's staff recorded; loaded when the chair asks. */
function Absentees({ conferenceId, sites }: { conferenceId: string; sites: SiteView[] }) {
  const t = useT();
  const action = useAction();
  const [records, setRecords] = useState<AttendanceRecordView[] | null>(null);
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const load = () => void action.run(async () => setRecords(await api.absentees(conferenceId)));
  const state = (r: AttendanceRecordView) => {
    if (r.checkedOutAt) return t.console.absenteeLeft(formatTime(r.checkedOutAt, t.locale));
    if (r.status === 'absent') return `${t.console.absent}: ${r.reason ?? t.console.absenteeNoReason}`;
    return t.console.absenteeNotChecked;
  };
  return (
    <div className="absentees">
      <div className="button-row">
        <button type="button" className="button button--small" data-testid="absentees-toggle" disabled={action.busy} onClick={records ? () => setRecords(null) : load}>
          {records ? t.console.hideAbsentees : t.console.showAbsentees}
        </button>
        {records && (
          <button type="button" className="button button--small" disabled={action.busy} title={action.busy ? t.console.busyHint : undefined} onClick={load}>↻</button>
        )}
      </div>
      <ErrorNotice error={action.error} />
      {records && (
        <>
          <h3>{t.console.absentees}</h3>
          {records.length === 0 && <p className="empty">{t.console.absenteesEmpty}</p>}
          <ul className="absentees__list" data-testid="absentees">
            {records.map((r) => (
              <li key={r.participantId} data-testid="absentee" data-status={r.status ?? ''}>
                <strong>{r.fullName}</strong> · {siteName.get(r.siteId) ?? ''} · <span className="absentees__state">{state(r)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
