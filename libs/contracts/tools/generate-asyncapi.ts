import { writeFileSync } from 'node:fs';
import { ASYNCAPI_PATH, renderAsyncApi } from './asyncapi';

writeFileSync(ASYNCAPI_PATH, renderAsyncApi());
console.log(`wrote ${ASYNCAPI_PATH}`);
