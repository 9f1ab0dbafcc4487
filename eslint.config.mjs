// ESLint for the whole project: typescript-eslint's recommended rules, Prettier's formatting, and
// Custody's own boundaries (eslint/boundaries.mjs): libs/ stays framework-free, a module keeps its
// entities to itself, and only src/custody/ writes items and custody events.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-plugin-prettier/recommended';
import { boundaries } from './eslint/boundaries.mjs';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'bench/results/**',
      'bench/tmp/**',
      'test/web/screenshots/**',
      'web/src/api-schema.d.ts',
      '**/*.cjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    plugins: { custody: boundaries },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // NestJS declares modules as empty classes with decorators
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-namespace': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
      // a variable that closures declared earlier read, assigned once later
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'custody/boundaries': 'error',
      'custody/one-write-path': 'error',
    },
  },
  {
    files: ['test/**', 'bench/**', '**/*.spec.ts'],
    rules: {
      // tests and benchmarks reach into the database to check what a user cannot see
      'custody/one-write-path': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
