// npm run docs:generate — writes docs/openapi.json from the code.
// scripts/docs/docs.spec.ts fails while it is stale.
import { buildOpenApiDocument, renderOpenApi } from './docs/openapi-file';
import { OPENAPI_FILE, writeRepoFile } from './docs/repo-files';

async function main(): Promise<void> {
  writeRepoFile(OPENAPI_FILE, renderOpenApi(await buildOpenApiDocument()));
  console.log(`wrote ${OPENAPI_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
