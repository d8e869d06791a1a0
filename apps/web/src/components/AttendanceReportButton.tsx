import { api } from '../api/endpoints';
import { useAction } from '../hooks/useAction';
import { saveFile } from '../hooks/useDocumentDownload';
import { useT } from '../i18n/I18nContext';
import { ErrorNotice } from './ErrorNotice';

/** Downloads the attendance report (.xlsx): every site's for the chairs and secretariat, one site's for its staff. */
export function AttendanceReportButton({ conferenceId, siteId }: { conferenceId: string; siteId?: string }) {
  const t = useT();
  const action = useAction();
  return (
    <div className="report-download">
      <button
        type="button"
        className="button button--small"
        data-testid="attendance-report"
        disabled={action.busy}
        onClick={() => void action.run(async () => saveFile(await api.attendanceReport(conferenceId, siteId)))}
      >
        ⬇ {siteId ? t.attendanceReport.downloadSite : t.attendanceReport.download}
      </button>
      <ErrorNotice error={action.error} />
    </div>
  );
}
