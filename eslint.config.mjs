// ESLint's flat config: the recommended rule sets, tuned where NestJS idioms or this code's
// conventions differ. Formatting is Prettier's job (.prettierrc), so no style rules here.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.local/', 'coverage/', 'deploy/local/*/target/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its error: every fire-and-forget says so with `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      // Nest's dynamic modules, decorators' metadata and Mongo filters use `any` on purpose; flagged, not forbidden.
      '@typescript-eslint/no-explicit-any': 'warn',
      // `_`-prefixed names are deliberately unused (positional parameters, destructured-away fields).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Nest modules and DTO base classes are empty classes by design.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // Plain Node.js scripts (CommonJS): the supervisor, the wait helper, jest's config.
    files: ['deploy/**/*.js', 'tools/**/*.js', 'jest.config.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The admin web UI: browser ES modules served as they are.
    files: ['apps/gateway/src/web/public/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
);
