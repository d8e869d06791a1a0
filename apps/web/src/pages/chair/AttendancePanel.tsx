import type { AttendanceSummary, SiteAttendance, SiteView } from '@hoinghi/contracts';
import { QuorumLine } from '../../components/QuorumLine';
import { sitesInTreeOrder } from '../../conference/sites';
import { useT } from '../../i18n/I18nContext';

const EMPTY_COUNTS = { convened: 0, present: 0, late: 0, absent: 0 };

/** Attendance per site in tree order (main site first), the totals and the quorum. */
export function AttendancePanel({ sites, attendance }: { sites: SiteView[]; attendance: AttendanceSummary }) {
  const t = useT();
  const countsBySite = new Map(attendance.perSite.map((row) => [row.siteId, row]));
  return (
    <section className="panel">
      <header className="panel__header">
        <h2>{t.console.attendance}</h2>
      </header>
      <QuorumLine quorum={attendance.quorum} />
      <table className="attendance-table">
        <thead>
          <tr>
            <th scope="col">{t.console.site}</th>
            <th scope="col">{t.console.convened}</th>
            <th scope="col">{t.console.present}</th>
            <th scope="col">{t.console.late}</th>
            <th scope="col">{t.console.absent}</th>
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
          <tr>
            <th scope="row">{t.console.total}</th>
            <Counts counts={attendance.totals} />
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function Counts({ counts }: { counts: Omit<SiteAttendance, 'siteId'> }) {
  return (
    <>
      <td>{counts.convened}</td>
      <td>{counts.present}</td>
      <td>{counts.late}</td>
      <td>{counts.absent}</td>
    </>
  );
}
