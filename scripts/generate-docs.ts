// npm run docs:generate — writes docs/openapi.json and the generated tables of docs/rules.md from the code.
// scripts/docs/docs.spec.ts fails while either is stale.
import { buildOpenApiDocument, renderOpenApi } from './docs/openapi-file';
import { OPENAPI_FILE, readRepoFile, RULES_FILE, writeRepoFile } from './docs/repo-files';
import { fillGeneratedSections } from './docs/rules-tables';

async function main(): Promise<void> {
  writeRepoFile(OPENAPI_FILE, renderOpenApi(await buildOpenApiDocument()));
  writeRepoFile(RULES_FILE, fillGeneratedSections(readRepoFile(RULES_FILE)));
  console.log(`wrote ${OPENAPI_FILE} and ${RULES_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
