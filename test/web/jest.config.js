/** The browser tests (`npm run test:web`): the built web application in Debian's Chromium, against the real server. */
const esmPackages = require('../support/esm-packages');

module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/web/**/*.browser-spec.ts'],
  transform: { '^.+\\.ts$': 'ts-jest', ...esmPackages.transform },
  transformIgnorePatterns: esmPackages.transformIgnorePatterns,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
