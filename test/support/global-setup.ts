import { dropDatabase, prepareDatabase } from '../../libs/database/src/database-admin';
import { testAppDatabaseUrl, testDatabaseUrl } from './test-database';

/**
 * A throwaway database per run, built by the committed migrations (never `synchronize`) as its owner,
 * with the services' own role granted as in production.
 */
export default async function globalSetup(): Promise<void> {
  const url = testDatabaseUrl();
  await dropDatabase({ url });
  await prepareDatabase({ ownerUrl: url, appUrl: testAppDatabaseUrl() });
}
