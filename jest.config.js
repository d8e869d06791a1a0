// Three tiers: unit specs beside the code, end-to-end specs (HTTP, socket.io, browser) in test/.
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true, tsx: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
}];
const moduleNameMapper = {
  '^@hoinghi/domain$': '<rootDir>/libs/domain/src',
  '^@hoinghi/contracts$': '<rootDir>/libs/contracts/src',
  '^@hoinghi/database$': '<rootDir>/libs/database/src',
  '^@hoinghi/change-log$': '<rootDir>/libs/change-log/src',
  '^@hoinghi/server-kit$': '<rootDir>/libs/server-kit/src',
};
const common = { transform: { '^.+\\.(t|j)sx?$': swc }, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  // A global option (ignored inside projects): end-to-end hooks start servers and browsers.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
};
