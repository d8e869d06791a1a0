import { buildOpenApiDocument } from './openapi-file';
import { OPENAPI_FILE, readRepoFile, RULES_FILE } from './repo-files';
import { fillGeneratedSections } from './rules-tables';

// Generated documents are committed so readers (and third parties) need no build; these fail when the
// code has moved on without them. Fix: npm run docs:generate.
describe('generated documentation is up to date (else: npm run docs:generate)', () => {
  it(`${OPENAPI_FILE} is the document the meeting service serves at /api/docs-json`, async () => {
    const committed = JSON.parse(readRepoFile(OPENAPI_FILE)) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(await buildOpenApiDocument())));
  });

  it(`${RULES_FILE} shows the domain's permission, state and error tables`, () => {
    const committed = readRepoFile(RULES_FILE);
    expect(committed).toBe(fillGeneratedSections(committed));
  });
});
