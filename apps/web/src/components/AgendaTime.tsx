import type { AgendaItemView } from '@hoinghi/contracts';
import { agendaTimeAgainstPlan, formatClock } from '@hoinghi/domain';
import { useNow } from '../hooks/useNow';
import { useT } from '../i18n/I18nContext';

/** An agenda item's time against the plan ("12:30 / dự kiến 15:00", red with "vượt 02:10" once over). */
export function AgendaTime({ item }: { item: AgendaItemView }) {
  const t = useT();
  const now = useNow(item.state === 'active');
  const time = agendaTimeAgainstPlan(item, new Date(now));
  if (time.standing === 'not_started') return null;
  return (
    <span className={`agenda-time agenda-time--${time.standing}`} data-testid="agenda-time" data-standing={time.standing}>
      {t.speakers.planned(formatClock(time.plannedSeconds), formatClock(time.elapsedSeconds))}
      {time.overSeconds > 0 && ` · ${t.speakers.overPlan(formatClock(time.overSeconds))}`}
    </span>
  );
}
