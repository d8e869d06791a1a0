// The throwaway database of a test run (no @hoinghi imports: jest's global setup does not apply the aliases).

/** As the owner of the schema (creates, migrates, drops). */
export const testDatabaseUrl = (): string =>
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hoinghi_test';

/** As the services connect: the `hoinghi_app` role, which may not rewrite the audit trail. */
export const testAppDatabaseUrl = (ownerUrl = testDatabaseUrl()): string => {
  const url = new URL(ownerUrl);
  url.username = 'hoinghi_app';
  url.password = '';
  return url.toString();
};
