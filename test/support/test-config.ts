import { AppConfig, loadConfig } from '../../apps/meeting/src/config/app-config';
import { testDatabaseUrl } from './test-database';

export { testDatabaseUrl };

/** The meeting service's config for tests: the throwaway database, any free port. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({ ...process.env, DATABASE_URL: testDatabaseUrl(), PORT: '0', NODE_ENV: 'test' }), ...overrides };
}
