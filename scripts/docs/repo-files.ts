import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, from source (scripts/docs) or from the build (dist/scripts/docs) alike. */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

const ROOT = findRoot(__dirname);

export const OPENAPI_FILE = 'docs/openapi.json';
export const RULES_FILE = 'docs/rules.md';
export const ASYNCAPI_FILE = 'docs/asyncapi.json';

export const repoPath = (path: string): string => join(ROOT, path);
export const readRepoFile = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
export const writeRepoFile = (path: string, text: string): void => writeFileSync(join(ROOT, path), text);
