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

  /** A 400 naming the field at fault: `fields` carries the path and the problem, the message both. */
  function expectInvalid(sites: SiteNode[], code: string, field: string, problem: string) {
    const error = caught(() => orderSiteTree(sites));
    expect(error.category).toBe('validation');
    expect(error.code).toBe(code);
    expect(error.fields).toEqual({ [field]: [problem] });
    expect(error.message).toBe(`${field} ${problem}.`);
  }

  it('refuses a key used twice, naming the second', () => {
    expectInvalid([site('main', undefined, true), site('a', 'main'), site('a', 'main')], 'SITE_KEY_DUPLICATE', 'sites.2.key', '"a" is the key of an earlier site');
  });

  it('refuses a conference with no main site, naming the list', () => {
    expectInvalid([site('a'), site('b', 'a')], 'MAIN_SITE_NOT_ONE', 'sites', 'must make exactly one site the main site (isMain), not 0');
  });

  it('refuses an empty site list', () => {
    expectInvalid([], 'MAIN_SITE_NOT_ONE', 'sites', 'must make exactly one site the main site (isMain), not 0');
  });

  it('refuses two main sites, naming the second', () => {
    expectInvalid(
      [site('main', undefined, true), site('a', 'main'), site('other', undefined, true)],
      'MAIN_SITE_NOT_ONE', 'sites.2.isMain', 'must make exactly one site the main site (isMain), not 2',
    );
  });

  it('does not count isMain: false as a main site', () => {
    const sites = [site('main', undefined, true), site('a', 'main', false)];
    expect(keys(orderSiteTree(sites))).toEqual(['main', 'a']);
  });

  it('refuses a main site relayed through another site', () => {
    expectInvalid([site('a'), site('main', 'a', true)], 'MAIN_SITE_RELAYED', 'sites.1.parentKey', 'must be empty: the main site is not relayed through another site');
  });

  it('refuses a parent that names no site', () => {
    expectInvalid([site('main', undefined, true), site('a', 'ghost')], 'SITE_PARENT_UNKNOWN', 'sites.1.parentKey', '"ghost" names no site of this request');
  });

  it('refuses an empty parent key', () => {
    expectInvalid([site('main', undefined, true), site('a', '')], 'SITE_PARENT_UNKNOWN', 'sites.1.parentKey', '"" names no site of this request');
  });

  it('refuses a site that is its own parent', () => {
    expectInvalid([site('main', undefined, true), site('a', 'a')], 'SITE_TREE_CYCLE', 'sites.1.parentKey', '"a" leads back to site "a" (a cycle)');
  });

  it('refuses a two-site cycle', () => {
    const error = caught(() => orderSiteTree([site('main', undefined, true), site('a', 'b'), site('b', 'a')]));
    expect(error.code).toBe('SITE_TREE_CYCLE');
    expect(Object.keys(error.fields ?? {})).toEqual([expect.stringMatching(/^sites\.(1|2)\.parentKey$/)]);
  });

  it('refuses a longer cycle hanging off a valid branch', () => {
    const sites = [site('main', undefined, true), site('ok', 'main'), site('x', 'z'), site('y', 'x'), site('z', 'y'), site('leaf', 'x')];
    const error = caught(() => orderSiteTree(sites));
    expect(error.code).toBe('SITE_TREE_CYCLE');
    expect(Object.keys(error.fields ?? {})).toEqual([expect.stringMatching(/^sites\.(2|3|4)\.parentKey$/)]);
  });
});
