/**
 * Packages that ship only ES modules and that tests import (the web app's ICU messages, through
 * web/src/i18n): Jest compiles them to CommonJS with ts-jest, as it does the project's TypeScript.
 */
const packages = ['intl-messageformat', '@formatjs'];

module.exports = {
  transform: {
    [`/node_modules/(${packages.join('|')})/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${packages.join('|')})/)`],
};
