import { AppConfig, loadConfig } from '../../apps/meeting/src/config/app-config';

export const testDatabaseUrl = (): string =>
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hoinghi_test';

/** The meeting service's config for tests: the throwaway database, any free port. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({ ...process.env, DATABASE_URL: testDatabaseUrl(), PORT: '0', NODE_ENV: 'test' }), ...overrides };
}
