import type { AgendaItemKind, ParticipantRole } from '@hoinghi/contracts';

// Copying a past conference: the same site tree, agenda and people (roles, sites, voting rights), as a
// new draft with its own title and dates. Nothing of what happened (attendance, floor, drafts, minutes).

export interface CopySourceSite {
  id: string;
  name: string;
  place: string;
  orgUnitId: string;
  parentSiteId: string | null;
  isMain: boolean;
  position: number;
}

export interface CopySourceItem {
  position: number;
  title: string;
  kind: AgendaItemKind;
  presenter: string;
  plannedMinutes: number;
}

export interface CopySourceParticipant {
  userId: string;
  role: ParticipantRole;
  siteId: string | null;
  votingRight: boolean;
}

/** The new conference's sites keyed by the old ids (parents first), agenda in order, people by the old site ids. */
export interface CopyPlan {
  sites: Array<{ key: string; parentKey?: string; isMain: boolean; name: string; place: string; orgUnitId: string }>;
  agenda: Array<Omit<CopySourceItem, 'position'>>;
  participants: Array<{ userId: string; role: ParticipantRole; siteKey: string | null; votingRight: boolean }>;
}

export function planCopy(
  source: { sites: CopySourceSite[]; agenda: CopySourceItem[]; participants: CopySourceParticipant[] },
  copierId: string,
): CopyPlan {
  const byId = new Map(source.sites.map((s) => [s.id, s]));
  const ordered: CopySourceSite[] = [];
  const placed = new Set<string>();
  const place = (site: CopySourceSite) => {
    if (placed.has(site.id)) return;
    placed.add(site.id);
    const parent = site.parentSiteId ? byId.get(site.parentSiteId) : undefined;
    if (parent) place(parent);
    ordered.push(site);
  };
  [...source.sites].sort((a, b) => Number(b.isMain) - Number(a.isMain) || a.position - b.position).forEach(place);
  const main = ordered.find((s) => s.isMain);
  const participants: CopyPlan['participants'] = source.participants.map((p) => ({
    userId: p.userId, role: p.role, siteKey: p.siteId && byId.has(p.siteId) ? p.siteId : null, votingRight: p.votingRight,
  }));
  // Whoever copies it convenes the copy: they chair it, at the main hall, as the creator of a new one would.
  if (!participants.some((p) => p.userId === copierId && p.role === 'chair')) {
    participants.push({ userId: copierId, role: 'chair', siteKey: main?.id ?? null, votingRight: false });
  }
  return {
    sites: ordered.map((s) => ({
      key: s.id, ...(s.parentSiteId && byId.has(s.parentSiteId) && !s.isMain ? { parentKey: s.parentSiteId } : {}),
      isMain: s.isMain, name: s.name, place: s.place, orgUnitId: s.orgUnitId,
    })),
    agenda: [...source.agenda].sort((a, b) => a.position - b.position).map(({ position: _p, ...item }) => item),
    participants,
  };
}
