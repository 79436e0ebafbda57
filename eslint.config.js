import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const browserGlobalsInDomain = ['window', 'document', 'navigator', 'indexedDB', 'localStorage',
  'sessionStorage', 'fetch', 'location', 'self', 'crypto', 'performance', 'setTimeout', 'setInterval']
  .map((name) => ({ name, message: 'src/domain is pure: pass time, randomness and IO in from src/device or src/sync.' }));

// zod's full API adds about 15 KB gzip to the clerk's path that zod/mini does not (issue 15).
// Listed in every block that restricts imports: a block's own list replaces a wider one.
const onlyZodMini = [{ name: 'zod', message: "Import zod/mini: the full API's methods and JSON Schema code would load with every schema." }];

export default tseslint.config(
  // Design functions are CouchDB function sources (a bare `function (...) {}`), not modules;
  // their behaviour is covered by tests against a real server.
  { ignores: ['dist/', 'node_modules/', 'data/', 'bench-results/', 'dev-dist/', 'src/central/design/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { paths: onlyZodMini }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/domain/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: onlyZodMini,
        patterns: [
          { group: ['react', 'react-*', 'react/*'], message: 'src/domain is pure: no React (UI lives in src/ui).' },
          { group: ['dexie', 'dexie-*', 'pouchdb*'], message: 'src/domain is pure: storage lives in src/device.' },
          { group: ['../device/*', '../sync/*', '../ui/*', '../print/*', '../central/*', '../server/*'],
            message: 'src/domain depends on nothing else in src.' },
          { group: ['node:*', 'fs', 'path', 'http'], message: 'src/domain is pure: no Node IO.' },
        ],
      }],
      'no-restricted-globals': ['error', ...browserGlobalsInDomain],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: onlyZodMini,
        patterns: [
          { group: ['dexie', 'pouchdb*'], message: 'src/ui talks to storage through src/device hooks and services, never to Dexie or PouchDB directly.' },
          { group: ['../../central/*', '../../server/*'], message: 'src/central and src/server are Node side.' },
        ],
      }],
      // A form cast to another form's type hides a field the shared component reads that the
      // form does not have: a shared field group states what it uses (see ArrivalFields).
      'no-restricted-syntax': ['error', {
        selector: "TSAsExpression[typeAnnotation.typeName.name=/^(UseFormReturn|UseFormRegister|Control)$/]",
        message: 'src/ui never casts a form: type the shared fields by what they use (an interface the form satisfies).',
      }],
    },
  },
  {
    files: ['sw/**/*.ts'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
);
