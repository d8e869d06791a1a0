import { AGENDA_ITEM_KINDS, type AgendaItemKind } from '@hoinghi/contracts';
import { FieldError } from '../../components/FieldError';
import { useT } from '../../i18n/I18nContext';
import { moveItem, newAgendaItem, type AgendaDraft } from './draft';

interface Props {
  items: AgendaDraft[];
  onChange(items: AgendaDraft[]): void;
  fields: Record<string, string[]>;
}

export function AgendaEditor({ items, onChange, fields }: Props) {
  const t = useT();
  const update = (index: number, patch: Partial<AgendaDraft>) => onChange(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));

  return (
    <fieldset className="form-section">
      <legend>{t.create.agenda}</legend>
      {items.length === 0 && <p className="empty">{t.create.agendaEmpty}</p>}
      <ol className="agenda-editor">
        {items.map((item, index) => {
          const id = `agenda-${item.key}`;
          const path = `agenda.${index}`;
          return (
            <li key={item.key} className="editor-row">
              <div className="form-grid form-grid--agenda">
                <div className="field field--wide">
                  <label htmlFor={`${id}-title`}>{t.create.itemTitle}</label>
                  <input id={`${id}-title`} value={item.title} onChange={(event) => update(index, { title: event.target.value })} />
                  <FieldError fields={fields} path={`${path}.title`} />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-kind`}>{t.create.itemKind}</label>
                  <select id={`${id}-kind`} value={item.kind} onChange={(event) => update(index, { kind: event.target.value as AgendaItemKind })}>
                    {AGENDA_ITEM_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t.agendaKind[kind]}
                      </option>
                    ))}
                  </select>
                  <FieldError fields={fields} path={`${path}.kind`} />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-presenter`}>{t.create.presenter}</label>
                  <input id={`${id}-presenter`} value={item.presenter} onChange={(event) => update(index, { presenter: event.target.value })} />
                  <FieldError fields={fields} path={`${path}.presenter`} />
                </div>
                <div className="field field--narrow">
                  <label htmlFor={`${id}-minutes`}>{t.create.plannedMinutes}</label>
                  <input
                    id={`${id}-minutes`}
                    type="number"
                    min={1}
                    max={600}
                    value={item.plannedMinutes}
                    onChange={(event) => update(index, { plannedMinutes: event.target.value })}
                  />
                  <FieldError fields={fields} path={`${path}.plannedMinutes`} />
                </div>
              </div>
              <div className="editor-row__buttons">
                <button type="button" className="button button--small" disabled={index === 0} onClick={() => onChange(moveItem(items, index, -1))}>
                  ↑ {t.create.moveUp}
                </button>
                <button
                  type="button"
                  className="button button--small"
                  disabled={index === items.length - 1}
                  onClick={() => onChange(moveItem(items, index, 1))}
                >
                  ↓ {t.create.moveDown}
                </button>
                <button type="button" className="button button--small button--danger" onClick={() => onChange(items.filter((_, i) => i !== index))}>
                  {t.create.remove}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <FieldError fields={fields} path="agenda" />
      <button type="button" className="button" onClick={() => onChange([...items, newAgendaItem()])}>
        + {t.create.addItem}
      </button>
    </fieldset>
  );
}
