// @ts-check
// ESLint for the whole repository: typescript-eslint's strictTypeChecked (type-aware: each .ts file is read
// through the tsconfig nearest to it — tsconfig.json for src/ and test/, webview/tsconfig.json for the
// webview), type imports, an import order, no default exports, and the house's boundaries (who may import
// `vscode`, no HTML strings in the webview). Formatting is Prettier's job (.prettierrc.json): no rule here
// is about layout. Every rule of strictTypeChecked that is turned off or relaxed says why, next to it.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**', 'media/**'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',

      // strictTypeChecked, relaxed where its findings are noise for this codebase:
      // - numbers (counts, milliseconds, percentages) and regular expressions print as intended in messages
      //   and logs; `undefined`, objects and arrays still need a deliberate String()/format call.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowRegExp: true }],
      // - tsconfig.json has noUncheckedIndexedAccess, so every `a[i]` is typed possibly undefined; `a[i]!`
      //   where the index is in range by construction (a loop bound, a length checked just before) is the
      //   idiom. A runtime check there would add a branch that no input can reach.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // - `() => this.refresh()` as a listener or callback returns what the call returns and nobody reads
      //   it; braces around every such arrow would be noise. Void values in other places are still errors.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],

      // Imports: `import type { T }` when everything imported is a type, `import { f, type T }` when mixed.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'import-x/no-duplicates': ['error', { 'prefer-inline': true }],
      'import-x/first': 'error',
      'import-x/no-default-export': 'error',
      // Node built-ins, then packages (vscode, zod, chart.js), then our own files, farther before nearer.
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', ['internal', 'unknown'], 'parent', ['sibling', 'index']],
          'newlines-between': 'never',
          pathGroups: [{ pattern: 'vscode', group: 'external' }],
          pathGroupsExcludedImportTypes: ['builtin'],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests probe values their types call present (`rows[0]?.name` in an assertion): the optional chain
      // makes a missing value a failed assertion with a message rather than a TypeError. Noise here.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // Builders and mutations delete fields on purpose, to make the malformed documents the tests need.
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
  {
    // Only a file named *.vscode.ts (and the entry point) may use the VS Code API. Everything else in src/ is
    // plain TypeScript, unit-tested in plain Node (test/unit, test/reliability/host); src/core is also shared
    // with the webview bundle.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.vscode.ts', 'src/extension.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message:
                "Only *.vscode.ts files use the VS Code API: put this in the feature's <name>.vscode.ts and pass what it needs in.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'The webview cannot use the VS Code API.' }] },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'API strings go into the DOM as text (textContent).' },
        { property: 'outerHTML', message: 'API strings go into the DOM as text (textContent).' },
        { property: 'insertAdjacentHTML', message: 'API strings go into the DOM as text (textContent).' },
      ],
    },
  },
  {
    // Scripts and configuration in plain JavaScript are in no tsconfig: linted without type information.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { 'import-x/no-default-export': 'off' },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
      },
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
