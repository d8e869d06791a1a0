import type { ConferenceSnapshot, SiteView } from '@hoinghi/contracts';

export interface SiteInTree {
  site: SiteView;
  depth: number;
}

/** Main site first, then each site followed by the sites it relays to (depth-first, server order kept). */
export function sitesInTreeOrder(sites: SiteView[]): SiteInTree[] {
  const children = new Map<string | null, SiteView[]>();
  for (const site of sites) {
    const parent = site.parentSiteId;
    children.set(parent, [...(children.get(parent) ?? []), site]);
  }
  const roots = [...(children.get(null) ?? [])].sort((a, b) => Number(b.isMain) - Number(a.isMain));
  const ordered: SiteInTree[] = [];
  const visited = new Set<string>();
  const visit = (site: SiteView, depth: number) => {
    if (visited.has(site.id)) return;
    visited.add(site.id);
    ordered.push({ site, depth });
    for (const child of children.get(site.id) ?? []) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  // A site whose parent is missing from the list still deserves a row.
  for (const site of sites) visit(site, 0);
  return ordered;
}

export function siteName(sites: SiteView[], siteId: string): string {
  return sites.find((s) => s.id === siteId)?.name ?? '';
}

/** Names of every site this viewer knows of: the sites it sees, the speaker's, those in its queue. */
export function knownSiteNames(snapshot: ConferenceSnapshot): Map<string, string> {
  const names = new Map(snapshot.sites.map((s) => [s.id, s.name]));
  for (const request of [snapshot.floor.holder, ...snapshot.floor.queue]) if (request) names.set(request.siteId, request.siteName);
  return names;
}
