import type { AgendaItemKind, ConferenceKind, CreateConferenceRequest, OrgUnitView } from '@hoinghi/contracts';

// The create form's state, kept close to what the user types; toCreateRequest turns it into the POST body.

export interface SiteDraft {
  /** Local key, sent as `key`; other sites name it as their parentKey. */
  key: string;
  name: string;
  place: string;
  orgUnit: OrgUnitView | null;
  parentKey: string; // '' = connected directly to the main site
}

export interface AgendaDraft {
  key: string;
  title: string;
  kind: AgendaItemKind;
  presenter: string;
  plannedMinutes: string;
}

export interface ConferenceDraft {
  title: string;
  kind: ConferenceKind;
  hostUnit: OrgUnitView | null;
  plannedStart: string; // <input type="datetime-local"> value, local time
  plannedEnd: string;
  sites: SiteDraft[]; // sites[0] is the main site
  agenda: AgendaDraft[];
}

let lastKey = 0;
const nextKey = (prefix: string) => `${prefix}-${++lastKey}`;

export const newSite = (): SiteDraft => ({ key: nextKey('site'), name: '', place: '', orgUnit: null, parentKey: '' });

export const newAgendaItem = (): AgendaDraft => ({ key: nextKey('item'), title: '', kind: 'report', presenter: '', plannedMinutes: '15' });

/** A fresh form: tomorrow morning, 8:00 to 11:00, with the main site and one agenda item. */
export function newConferenceDraft(): ConferenceDraft {
  const start = new Date();
  start.setDate(start.getDate() + 1);
  start.setHours(8, 0, 0, 0);
  const end = new Date(start);
  end.setHours(11);
  return {
    title: '',
    kind: 'review',
    hostUnit: null,
    plannedStart: toLocalInputValue(start),
    plannedEnd: toLocalInputValue(end),
    sites: [newSite()],
    agenda: [newAgendaItem()],
  };
}

export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Local input value → ISO instant; an empty or broken value is sent as-is so the server names the field. */
export function toIso(localValue: string): string {
  const date = new Date(localValue);
  return Number.isNaN(date.getTime()) ? localValue : date.toISOString();
}

export function toCreateRequest(draft: ConferenceDraft): CreateConferenceRequest {
  return {
    title: draft.title.trim(),
    kind: draft.kind,
    hostUnitId: draft.hostUnit?.id ?? '',
    plannedStart: toIso(draft.plannedStart),
    plannedEnd: toIso(draft.plannedEnd),
    sites: draft.sites.map((site, index) => ({
      key: site.key,
      name: site.name.trim(),
      place: site.place.trim(),
      orgUnitId: site.orgUnit?.id ?? '',
      ...(index === 0 ? { isMain: true } : {}),
      ...(index > 0 && site.parentKey ? { parentKey: site.parentKey } : {}),
    })),
    agenda: draft.agenda.map((item) => ({
      title: item.title.trim(),
      kind: item.kind,
      presenter: item.presenter.trim(),
      plannedMinutes: Number(item.plannedMinutes),
    })),
  };
}

/** Moves the element at `index` by `offset` places (used for the agenda's up/down buttons). */
export function moveItem<T>(list: T[], index: number, offset: -1 | 1): T[] {
  const target = index + offset;
  if (target < 0 || target >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[target]] = [copy[target], copy[index]];
  return copy;
}
