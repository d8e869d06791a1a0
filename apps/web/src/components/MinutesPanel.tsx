import type { MinutesVersionSummary } from '@hoinghi/contracts';
import { useT } from '../i18n/I18nContext';
import { Link } from '../router';

/** The way to the minutes: the chairs and secretariat always (they keep them), a site once published. */
export function MinutesPanel({ conferenceId, versions, leader }: { conferenceId: string; versions: MinutesVersionSummary[]; leader: boolean }) {
  const t = useT();
  const latest = versions[0];
  if (!leader && !versions.some((v) => v.status === 'published')) return null;
  return (
    <section className="panel" data-testid="minutes-panel">
      <header className="panel__header">
        <h2>{t.minutes.title}</h2>
      </header>
      <p>
        <Link to={`/conferences/${conferenceId}/minutes`} data-testid="minutes-link">{t.minutes.open}</Link>
        {latest && <> · {t.minutes.version(latest.version)} · {t.minutes.status[latest.status]}{latest.documentNumber ? ` · ${t.minutes.number(latest.documentNumber)}` : ''}</>}
      </p>
    </section>
  );
}
