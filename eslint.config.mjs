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
    // Only a file named *.vscode.ts (and the entry point) may use the VS Code API. Everything else in src/ is
    // plain TypeScript, unit-tested in plain Node (test/unit, test/reliability/host); src/core is also shared
    // with the webview bundle.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.vscode.ts', 'src/extension.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Only *.vscode.ts files use the VS Code API: put this in the feature\'s <name>.vscode.ts and pass what it needs in.' }],
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
