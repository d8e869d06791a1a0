import type { AgendaChangedBy, ConferenceChangedBy } from '@hoinghi/contracts';
import { ApiError } from '../api/client';
import { fieldName, translatedFields } from '../api/field-problems';
import { formatTime } from '../i18n/format';
import { useT } from '../i18n/I18nContext';

/**
 * Shows what went wrong in words: the sentence for the server's error code in the UI's language, else the
 * server's own message (a code newer than this build), or a network hint.
 */
export function ErrorNotice({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  let message: string;
  if (error instanceof ApiError) {
    message = error.isNetworkError ? t.errors.network : ((error.code && t.errors.byCode[error.code]) || error.message);
    // A stale control (two chairs at once) says who changed it and when.
    const by = error.code === 'AGENDA_CHANGED' || error.code === 'CONFERENCE_CHANGED' ? (error.current as AgendaChangedBy | ConferenceChangedBy | undefined) : undefined;
    if (by?.name) message += ` ${t.errors.changedBy(by.name, formatTime(by.at, t.locale))}`;
    // A form that shows its own field errors passes none here; anything else lists them in words.
    const fields = Object.entries(translatedFields(error, t));
    if (fields.length > 0) {
      return (
        <div className="notice notice--error" role="alert" data-testid="field-errors">
          <p>{message}</p>
          <ul>
            {fields.map(([path, problems]) => <li key={path}>{fieldName(path, t)}: {problems.join('; ')}</li>)}
          </ul>
        </div>
      );
    }
  }
  else if (typeof error === 'string') message = error;
  else message = t.errors.unknown;
  return (
    <p className="notice notice--error" role="alert">
      {message}
    </p>
  );
}
