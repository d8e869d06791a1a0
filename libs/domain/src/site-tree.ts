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
  sites.forEach((site, i) => {
    if (byKey.has(site.key)) throw invalid('SITE_KEY_DUPLICATE', `"${site.key}" is the key of an earlier site`, `sites.${i}.key`);
    byKey.set(site.key, site);
  });
  const mains = sites.filter((s) => s.isMain);
  if (mains.length !== 1) {
    // Name the second main site, or the list itself when there is none.
    const field = mains.length === 0 ? 'sites' : `sites.${sites.indexOf(mains[1])}.isMain`;
    throw invalid('MAIN_SITE_NOT_ONE', `must make exactly one site the main site (isMain), not ${mains.length}`, field);
  }
  if (mains[0].parentKey) {
    throw invalid('MAIN_SITE_RELAYED', 'must be empty: the main site is not relayed through another site', `sites.${sites.indexOf(mains[0])}.parentKey`);
  }
  sites.forEach((site, i) => {
    if (site.parentKey !== undefined && !byKey.has(site.parentKey)) {
      throw invalid('SITE_PARENT_UNKNOWN', `"${site.parentKey}" names no site of this request`, `sites.${i}.parentKey`);
    }
  });
  const ordered: T[] = [];
  const placed = new Set<string>();
  const place = (site: T, path: Set<string>) => {
    if (placed.has(site.key)) return;
    if (path.has(site.key)) {
      throw invalid('SITE_TREE_CYCLE', `"${site.parentKey}" leads back to site "${site.key}" (a cycle)`, `sites.${sites.indexOf(site)}.parentKey`);
    }
    path.add(site.key);
    if (site.parentKey) place(byKey.get(site.parentKey)!, path);
    placed.add(site.key);
    ordered.push(site);
  };
  for (const site of [mains[0], ...sites]) place(site, new Set());
  return ordered;
}
