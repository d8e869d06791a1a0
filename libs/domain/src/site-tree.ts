import { invalid } from './errors';

/** A site as requested: sites form a tree through parentKey (a site relays to its sub-sites). */
export interface SiteNode {
  key: string;
  parentKey?: string;
  isMain?: boolean;
}

/**
 * Checks the requested site tree (unique keys, exactly one main site at the root, parents that exist,
 * no cycles) and returns the sites parents-first, main site first.
 */
export function orderSiteTree<T extends SiteNode>(sites: T[]): T[] {
  const byKey = new Map<string, T>();
  for (const site of sites) {
    if (byKey.has(site.key)) throw invalid('VALIDATION_FAILED', `sites: the key "${site.key}" is used twice.`);
    byKey.set(site.key, site);
  }
  const mains = sites.filter((s) => s.isMain);
  if (mains.length !== 1) throw invalid('VALIDATION_FAILED', 'sites: exactly one site must be the main site (isMain).');
  if (mains[0].parentKey) throw invalid('VALIDATION_FAILED', 'sites: the main site cannot be relayed through another site.');
  for (const site of sites) {
    if (site.parentKey !== undefined && !byKey.has(site.parentKey)) {
      throw invalid('VALIDATION_FAILED', `sites: parentKey "${site.parentKey}" of site "${site.key}" names no site.`);
    }
  }
  const ordered: T[] = [];
  const placed = new Set<string>();
  const place = (site: T, path: Set<string>) => {
    if (placed.has(site.key)) return;
    if (path.has(site.key)) throw invalid('VALIDATION_FAILED', `sites: site "${site.key}" is relayed through itself.`);
    path.add(site.key);
    if (site.parentKey) place(byKey.get(site.parentKey)!, path);
    placed.add(site.key);
    ordered.push(site);
  };
  for (const site of [mains[0], ...sites]) place(site, new Set());
  return ordered;
}
