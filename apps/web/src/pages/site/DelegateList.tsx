import type { AttendanceRecordView, AttendanceStatus } from '@hoinghi/contracts';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/endpoints';
import { CharCount } from '../../components/CharCount';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAction } from '../../hooks/useAction';
import { formatTime } from '../../i18n/format';
import { useT } from '../../i18n/I18nContext';

interface Props {
  conferenceId: string;
  siteId: string;
  /** This site's delegates, kept live by the conference feed (only this site's staff receive them). */
  records: AttendanceRecordView[];
  /** Attendance can be taken until the conference has ended or was cancelled. */
  editable: boolean;
}

/** The delegates convened at this site, checked in one by one by the site operator. */
export function DelegateList({ conferenceId, siteId, records, editable }: Props) {
  const t = useT();
  const action = useAction();

  // The answer is shown by the change it causes, which reaches this screen like everyone else's.
  const checkIn = (participantId: string, status: AttendanceStatus, reason?: string) =>
    action.run(() => api.checkIn(conferenceId, siteId, participantId, status, reason));

  const checkOut = (participantId: string) => action.run(() => api.checkOut(conferenceId, siteId, participantId));

  return (
    <section className="panel">
      <header className="panel__header">
        <h2>{t.site.delegates}</h2>
      </header>
      <ErrorNotice error={action.error} />
      {records.length === 0 && <p className="empty">{t.site.delegatesEmpty}</p>}
      <ul className="delegates">
        {records.map((record) => (
          <DelegateRow key={record.participantId} record={record} disabled={action.busy || !editable} onCheckIn={checkIn} onCheckOut={checkOut} />
        ))}
      </ul>
    </section>
  );
}

/** One click each; absence needs a reason, so it has its own button below. */
const PRESENT_STATUSES = ['present', 'late'] as const satisfies readonly AttendanceStatus[];

interface RowProps {
  record: AttendanceRecordView;
  disabled: boolean;
  onCheckIn(participantId: string, status: AttendanceStatus, reason?: string): Promise<boolean>;
  /** A delegate leaving before the end: no longer counted present (quorum follows). */
  onCheckOut(participantId: string): Promise<boolean>;
}

function DelegateRow({ record, disabled, onCheckIn, onCheckOut }: RowProps) {
  const t = useT();
  // Absence needs a reason: the first click on "absent" opens the reason input, the button then confirms.
  const [askingReason, setAskingReason] = useState(false);
  const [reason, setReason] = useState('');

  const confirmAbsent = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!reason.trim()) return;
    if (await onCheckIn(record.participantId, 'absent', reason.trim())) {
      setAskingReason(false);
      setReason('');
    }
  };

  const status = record.status;
  const inRoom = (status === 'present' || status === 'late') && !record.checkedOutAt;
  return (
    <li className={`delegate delegate--${status ?? 'unchecked'}`} data-testid="delegate-row" data-participant-id={record.participantId} data-status={status ?? ''} data-checked-out={record.checkedOutAt ? 'true' : 'false'}>
      <div className="delegate__who">
        <strong>{record.fullName}</strong>
        <span className="delegate__status">
          {status ? t.attendanceStatus[status] : t.site.notChecked}
          {status !== 'absent' && record.checkedInAt && ` · ${formatTime(record.checkedInAt, t.locale)}`}
          {status === 'absent' && record.reason && ` · ${record.reason}`}
          {record.checkedOutAt && ` · ${t.site.checkedOut(formatTime(record.checkedOutAt, t.locale))}`}
        </span>
      </div>
      <form className="delegate__buttons" onSubmit={confirmAbsent}>
        {inRoom && (
          <button type="button" className="button button--small" data-testid="checkout" disabled={disabled} onClick={() => void onCheckOut(record.participantId)}>
            {t.site.checkOut}
          </button>
        )}
        {PRESENT_STATUSES.map((choice) => (
          <button
            key={choice}
            type="button"
            className={`button button--small${status === choice ? ' button--selected' : ''}`}
            data-testid={`checkin-${choice}`}
            disabled={disabled}
            onClick={() => void onCheckIn(record.participantId, choice)}
          >
            {t.site[choice]}
          </button>
        ))}
        {askingReason && (
          <span className="delegate__reason-field">
          <input
            className="delegate__reason"
            data-testid="absent-reason"
            aria-label={t.site.absentReason}
            placeholder={t.site.absentReason}
            autoFocus
            required
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <CharCount used={reason.length} max={500} />
          </span>
        )}
        <button
          type={askingReason ? 'submit' : 'button'}
          className={`button button--small${status === 'absent' ? ' button--selected' : ''}`}
          data-testid="checkin-absent"
          disabled={disabled || (askingReason && !reason.trim())}
          title={askingReason && !reason.trim() ? t.confirm.reasonMissing : undefined}
          onClick={askingReason ? undefined : () => setAskingReason(true)}
        >
          {askingReason ? t.site.confirmAbsent : t.site.absent}
        </button>
        {askingReason && (
          <button type="button" className="button button--small button--ghost-dark" onClick={() => setAskingReason(false)}>
            {t.site.cancel}
          </button>
        )}
      </form>
    </li>
  );
}
