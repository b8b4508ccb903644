// Lint as the `yo office` TaskPane template does (eslint-plugin-office-addins' recommended rules: the
// Office.js load/sync rules and Prettier), plus typescript-eslint's recommended rules for TypeScript.
const officeAddins = require('eslint-plugin-office-addins');
const tseslint = require('typescript-eslint');
const globals = require('globals');

module.exports = [
  { ignores: ['lib/', 'dist/', 'coverage/', 'node_modules/', 'test/screenshots/'] },
  ...officeAddins.configs.recommended,
  // typescript-eslint at the version eslint-plugin-office-addins pins (~8.8), so both share one plugin.
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['**/*.ts'] })),
  {
    files: ['**/*.{js,ts}'],
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.node, ...globals.browser, Office: 'readonly', Excel: 'readonly', OfficeExtension: 'readonly' },
    },
    rules: {
      // Names starting with _ are deliberately unused (a callback's position, a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // CommonJS entry points and build configuration.
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests use loosely typed JSON fixtures and page globals.
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      // The tests of the Excel fake read before load and sync on purpose, to check that the fake refuses.
      'office-addins/call-sync-before-read': 'off',
      'office-addins/call-sync-after-load': 'off',
      'office-addins/load-object-before-read': 'off',
    },
  },
];
