/** The throwaway database of a test run (no @hoinghi imports: jest's global setup does not apply the aliases). */
export const testDatabaseUrl = (): string =>
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hoinghi_test';
