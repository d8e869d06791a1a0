// npm run docs:generate — writes docs/openapi.json, docs/asyncapi.json and the generated tables of docs/rules.md from the code.
// scripts/docs/docs.spec.ts fails while either is stale.
import { renderAsyncApi } from './docs/asyncapi-file';
import { buildOpenApiDocument, renderOpenApi } from './docs/openapi-file';
import { ASYNCAPI_FILE, OPENAPI_FILE, readRepoFile, RULES_FILE, writeRepoFile } from './docs/repo-files';
import { fillGeneratedSections } from './docs/rules-tables';

async function main(): Promise<void> {
  writeRepoFile(OPENAPI_FILE, renderOpenApi(await buildOpenApiDocument()));
  writeRepoFile(ASYNCAPI_FILE, renderAsyncApi());
  writeRepoFile(RULES_FILE, fillGeneratedSections(readRepoFile(RULES_FILE)));
  console.log(`wrote ${OPENAPI_FILE}, ${ASYNCAPI_FILE} and ${RULES_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
