import { ERROR_CODES, MEDIA_ERROR_CODES } from '@hoinghi/contracts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every error-code literal in the gateway's sources (and the shared error mapping it answers through). */
function codesUsedIn(dirs: string[]): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) {
        for (const [, code] of readFileSync(path, 'utf8').matchAll(/'([A-Z][A-Z_]+)'/g)) if (code in ERROR_CODES) codes.add(code);
      }
    }
  };
  dirs.forEach(walk);
  return codes;
}

describe('MEDIA_ERROR_CODES', () => {
  const root = join(__dirname, '..', '..', '..', '..');
  const listed = new Set<string>(MEDIA_ERROR_CODES);

  it('lists every code the gateway can send', () => {
    const used = codesUsedIn([join(root, 'apps/media/src'), join(root, 'libs/server-kit/src')]);
    expect([...used].filter((code) => !listed.has(code))).toEqual([]);
  });

  it('lists no code the gateway never sends', () => {
    const used = codesUsedIn([join(root, 'apps/media/src'), join(root, 'libs/server-kit/src')]);
    expect(MEDIA_ERROR_CODES.filter((code) => !used.has(code))).toEqual([]);
  });
});
