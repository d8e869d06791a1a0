import { AppConfig, loadConfig } from '../../apps/meeting/src/config/app-config';
import { testAppDatabaseUrl, testDatabaseUrl } from './test-database';

export { testAppDatabaseUrl, testDatabaseUrl };

/** The meeting service's config for tests: the throwaway database (as the services' role), any free port. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const env = { ...process.env, DATABASE_URL: testAppDatabaseUrl(), DATABASE_OWNER_URL: testDatabaseUrl(), PORT: '0', NODE_ENV: 'test' };
  // Every suite signs in from 127.0.0.1: only the login throttle's own test runs with real limits.
  return { ...loadConfig(env), loginAttemptsPerAddress: 100_000, loginAttemptsPerUsername: 10_000, ...overrides };
}
