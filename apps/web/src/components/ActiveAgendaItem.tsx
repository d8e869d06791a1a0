import type { AgendaItemView } from '@hoinghi/contracts';
import { AgendaTime } from './AgendaTime';
import { useT } from '../i18n/I18nContext';

/** The item in progress, in large type: what every site is discussing right now. */
export function ActiveAgendaItem({ agenda, large = false }: { agenda: AgendaItemView[]; large?: boolean }) {
  const t = useT();
  const active = agenda.find((item) => item.state === 'active');
  return (
    <section className={`active-item${large ? ' active-item--large' : ''}`} aria-live="polite">
      <span className="active-item__label">{t.activeItem.label}</span>
      <p className="active-item__title" data-testid="active-agenda-item" data-id={active?.id ?? ''}>
        {active ? active.title : t.activeItem.none}
      </p>
      {active?.presenter && <span className="active-item__presenter">{active.presenter}</span>}
      {active && <AgendaTime item={active} />}
    </section>
  );
}
