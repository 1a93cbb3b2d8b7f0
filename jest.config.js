// ESM-only packages are compiled to CommonJS by swc: Jest's module registry cannot require() them itself.
const esmPackages = [
  'meilisearch', 'file-type', 'strtok3', 'token-types', 'peek-readable', '@tokenizer', 'uint8array-extras', 'unpdf', 'marked', '@borewit',
  // Charts and maps: vega, vega-lite and the d3 modules under them.
  'vega', 'vega-[a-z-]+', 'd3-[a-z-]+', 'internmap', 'delaunator', 'robust-predicates', 'json-stringify-pretty-compact',
]; // prettier-ignore

// Browser tests need Debian's Chromium. CI installs it and always runs them (and fails without it);
// elsewhere they are left out when it is missing, and the global setup says so.
const browserTestsOff = !process.env.CI && !require('node:fs').existsSync('/usr/bin/chromium');
process.env.BROWSER_TESTS_OFF = browserTestsOff ? '1' : '';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(browserTestsOff ? ['/test/e2e/'] : [])],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  // vega-canvas's Node build awaits an optional `canvas` package at the top level, which CommonJS cannot
  // express; its browser build is what Node gets anyway when `canvas` is absent (text widths estimated).
  moduleNameMapper: { '^vega-canvas$': '<rootDir>/node_modules/vega-canvas/build/vega-canvas.browser.js' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
};
