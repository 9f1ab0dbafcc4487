/** The interoperability tests (`npm run test:interop`): labels read back by tools nobody on this project wrote (Zebrash, npos, BWIPP, zbar, libdmtx); they need Debian's zbar-tools and dmtx-utils, and no database. */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/interop/**/*.interop-spec.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 120_000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
