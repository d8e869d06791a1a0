import { orderSiteTree, SiteNode } from './site-tree';
import { caught } from './testing/caught';

interface Site extends SiteNode {
  name: string;
}

const site = (key: string, parentKey?: string, isMain?: boolean): Site => ({ key, parentKey, isMain, name: `Điểm cầu ${key}` });
const keys = (sites: SiteNode[]) => sites.map((s) => s.key);

/** Every site comes after its parent. */
function expectParentsFirst(ordered: SiteNode[]) {
  const seen = new Set<string>();
  for (const s of ordered) {
    if (s.parentKey !== undefined) expect(seen.has(s.parentKey)).toBe(true);
    seen.add(s.key);
  }
}

describe('orderSiteTree', () => {
  it('puts the main site first and keeps the requested order otherwise', () => {
    const sites = [site('hong-ngu', 'main'), site('cao-lanh', 'main'), site('main', undefined, true), site('sa-dec', 'main')];
    expect(keys(orderSiteTree(sites))).toEqual(['main', 'hong-ngu', 'cao-lanh', 'sa-dec']);
  });

  it('puts every parent before its children, even when listed after them', () => {
    const sites = [
      site('commune-1', 'district-1'),
      site('district-1', 'province'),
      site('commune-2', 'district-1'),
      site('province', 'main'),
      site('main', undefined, true),
    ];
    const ordered = orderSiteTree(sites);
    expect(keys(ordered)).toEqual(['main', 'province', 'district-1', 'commune-1', 'commune-2']);
    expectParentsFirst(ordered);
  });

  it('returns every site exactly once, as the same objects', () => {
    const sites = [site('a', 'main'), site('main', undefined, true), site('b', 'a'), site('c', 'a'), site('d', 'c')];
    const ordered = orderSiteTree(sites);
    expect(ordered).toHaveLength(sites.length);
    expect(new Set(ordered)).toEqual(new Set(sites));
    expect(ordered[0]).toBe(sites[1]);
    expect(ordered.find((s) => s.key === 'd')?.name).toBe('Điểm cầu d');
    expectParentsFirst(ordered);
  });

  it('handles a deep chain given leaf first', () => {
    const sites: Site[] = [];
    for (let i = 20; i >= 1; i--) sites.push(site(`s${i}`, i === 1 ? 'main' : `s${i - 1}`));
    sites.push(site('main', undefined, true));
    const ordered = orderSiteTree(sites);
    expect(keys(ordered)).toEqual(['main', ...Array.from({ length: 20 }, (_, i) => `s${i + 1}`)]);
  });

  it('accepts a single main site', () => {
    expect(keys(orderSiteTree([site('main', undefined, true)]))).toEqual(['main']);
  });

  it('accepts sites without a parent besides the main one', () => {
    const sites = [site('x'), site('main', undefined, true), site('y', 'x')];
    expect(keys(orderSiteTree(sites))).toEqual(['main', 'x', 'y']);
  });

  it('does not reorder the array it was given', () => {
    const sites = [site('a', 'main'), site('main', undefined, true)];
    orderSiteTree(sites);
    expect(keys(sites)).toEqual(['a', 'main']);
  });

  function expectInvalid(sites: SiteNode[], message: string) {
    const error = caught(() => orderSiteTree(sites));
    expect(error.category).toBe('validation');
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe(message);
  }

  it('refuses a key used twice', () => {
    expectInvalid([site('main', undefined, true), site('a', 'main'), site('a', 'main')], 'sites: the key "a" is used twice.');
  });

  it('refuses a conference with no main site', () => {
    expectInvalid([site('a'), site('b', 'a')], 'sites: exactly one site must be the main site (isMain).');
  });

  it('refuses an empty site list', () => {
    expectInvalid([], 'sites: exactly one site must be the main site (isMain).');
  });

  it('refuses two main sites', () => {
    expectInvalid([site('main', undefined, true), site('other', undefined, true)], 'sites: exactly one site must be the main site (isMain).');
  });

  it('does not count isMain: false as a main site', () => {
    const sites = [site('main', undefined, true), site('a', 'main', false)];
    expect(keys(orderSiteTree(sites))).toEqual(['main', 'a']);
  });

  it('refuses a main site relayed through another site', () => {
    expectInvalid([site('a'), site('main', 'a', true)], 'sites: the main site cannot be relayed through another site.');
  });

  it('refuses a parent that names no site', () => {
    expectInvalid([site('main', undefined, true), site('a', 'ghost')], 'sites: parentKey "ghost" of site "a" names no site.');
  });

  it('refuses an empty parent key', () => {
    expectInvalid([site('main', undefined, true), site('a', '')], 'sites: parentKey "" of site "a" names no site.');
  });

  it('refuses a site that is its own parent', () => {
    expectInvalid([site('main', undefined, true), site('a', 'a')], 'sites: site "a" is relayed through itself.');
  });

  it('refuses a two-site cycle', () => {
    const error = caught(() => orderSiteTree([site('main', undefined, true), site('a', 'b'), site('b', 'a')]));
    expect(error.category).toBe('validation');
    expect(error.message).toMatch(/^sites: site "(a|b)" is relayed through itself\.$/);
  });

  it('refuses a longer cycle hanging off a valid branch', () => {
    const sites = [site('main', undefined, true), site('ok', 'main'), site('x', 'z'), site('y', 'x'), site('z', 'y'), site('leaf', 'x')];
    const error = caught(() => orderSiteTree(sites));
    expect(error.category).toBe('validation');
    expect(error.message).toMatch(/is relayed through itself\.$/);
  });
});
