import { useT } from '../i18n/I18nContext';
import { ErrorNotice } from './ErrorNotice';

/** A page whose data has not arrived: the error if loading failed, else a loading line. */
export function PageLoading({ error }: { error: unknown }) {
  const t = useT();
  return (
    <div className="page">
      <ErrorNotice error={error} />
      {!error && <p>{t.app.loading}</p>}
    </div>
  );
}
