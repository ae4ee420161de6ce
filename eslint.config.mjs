// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // src/core is pure TypeScript: unit-tested in plain Node, shared with the webview bundle.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not depend on the VS Code API; put adapters in src/.' }],
      }],
    },
  },
  {
    // The host classes the request-budget and soak tests drive in plain Node: VS Code is passed in.
    files: ['src/store.ts', 'src/previousPeriod.ts', 'src/failureNotifier.ts', 'src/batchCache.ts', 'src/credentials.ts',
      'src/windowPolling.ts', 'src/sharedSchedule.ts', 'src/workflowFigures.ts', 'src/liveCount.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'test/reliability/host drives this file in plain Node: take what VS Code gives through the constructor.' }],
      }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The webview cannot use the VS Code API.' }] }],
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'API strings go into the DOM as text (textContent).' },
        { property: 'outerHTML', message: 'API strings go into the DOM as text (textContent).' },
        { property: 'insertAdjacentHTML', message: 'API strings go into the DOM as text (textContent).' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly' } },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
