// Lint config: typescript-eslint's recommended rules, plus the layering rule that keeps src/core and src/sources editor-free.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.tmp-*', 'dist/**', 'out/**', 'node_modules/**', '.test-artifacts/**', '.bench/**', 'examples/**/dist/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/core/**', 'src/sources/**', 'src/sampler/**', 'src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'core, sources, sampler and cli must not depend on the editor.' }] }] },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
