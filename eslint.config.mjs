import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'public/vendor/', 'data/', 'uploads/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports (only the app factory is a default export).' }],
    },
  },
  // Jest loads global setup/teardown through their default export.
  { files: ['server/app.ts', 'test/support/global-setup.ts', 'test/support/global-teardown.ts'], rules: { 'no-restricted-syntax': 'off' } },
  // CommonJS config files (jest.config.js) load modules with require().
  { files: ['*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly', document: 'readonly', window: 'readonly', fetch: 'readonly', AbortController: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', history: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } } },
);
