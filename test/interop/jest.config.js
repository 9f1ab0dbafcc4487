/** The interoperability tests (`npm run test:interop`): what Custody makes, checked by the reference implementations of its formats. */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/interop/**/*.interop-spec.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // the server's own ledger is read back too: one embedded PostgreSQL for the run, as npm test has
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
