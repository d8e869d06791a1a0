import { ApiError } from '../api/client';
import { useT } from '../i18n/I18nContext';

/** Shows what went wrong in words: the server's message (in the UI's language when its code is known), or a network hint. */
export function ErrorNotice({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  let message: string;
  if (error instanceof ApiError) message = error.isNetworkError ? t.errors.network : (t.errors.byCode[error.code] ?? error.message);
  else if (typeof error === 'string') message = error;
  else message = t.errors.unknown;
  return (
    <p className="notice notice--error" role="alert">
      {message}
    </p>
  );
}
