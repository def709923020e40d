// Lint keeps the layers honest (STYLE.md): domain <- db <- features <- app.
// domain is pure (no React, Dexie, jsPDF, DOM-bound libraries); only src/db imports Dexie;
// features never import each other or app; PDF and zip writers take plain domain data.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'coverage', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/use-*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['react', 'react-dom', 'react-*', 'dexie', 'jspdf', 'workbox-*'], message: 'src/domain is pure TypeScript.' },
        { group: ['**/db', '**/db/**', '**/features/**', '**/app/**', '**/components/**', '**/pdf/**'], message: 'src/domain imports nothing of the app.' },
      ]),
    },
  },
  {
    files: ['src/db/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['react', 'react-dom', 'jspdf'], message: 'src/db is storage only.' },
        { group: ['**/features/**', '**/app/**', '**/components/**'], message: 'src/db must not import the UI.' },
      ]),
    },
  },
  {
    files: ['src/crypto/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['react', 'react-dom', 'dexie', 'jspdf', '**/db', '**/db/**', '**/features/**', '**/app/**', '**/components/**'], message: 'src/crypto is Web Crypto over plain data.' },
      ]),
    },
  },
  {
    files: ['src/pdf/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['react', 'react-dom', 'dexie', '**/db', '**/db/**', '**/features/**', '**/app/**'], message: 'PDF writers take plain domain data.' },
      ]),
    },
  },
  {
    files: ['src/features/**', 'src/components/**', 'src/lib/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['dexie'], message: 'Only src/db imports Dexie: use the repository functions in src/db.' },
        { group: ['**/db/*'], message: 'Import storage from src/db (its index), not its files.' },
        { group: ['**/app/**'], message: 'Features never import app.' },
      ]),
    },
  },
  {
    files: ['src/components/**', 'src/lib/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['dexie'], message: 'Only src/db imports Dexie.' },
        { group: ['**/db/*'], message: 'Import storage from src/db (its index).' },
        { group: ['**/features/**', '**/app/**'], message: 'Shared code never imports features or app.' },
      ]),
    },
  },
  {
    files: ['src/service-worker/**'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['tests/**', 'scripts/**', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
