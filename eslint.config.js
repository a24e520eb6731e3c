import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'worker_threads', 'stream', 'url', 'zlib', 'dns', 'events', 'util', 'ws', 'better-sqlite3']
const restrict = (patterns) => ['error', { patterns: patterns.map((group) => ({ group: group.group, message: group.message })) }]

const rendererImports = [
  { group: [...nodeBuiltins, 'electron', 'electron/*'], message: 'renderer/ never imports Node or Electron.' },
  { group: ['**/electron/**', '**/server/**'], message: 'renderer/ talks to other processes only through the contract.' },
]

// The import rules of ../shared/ARCHITECTURE.md ("Layout").
export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.cache/**', '.hallway/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/electron/**', '**/renderer/**', '**/server/**', '**/e2e/**', '**/scripts/**', '**/bench/**'], message: 'shared/ imports nothing from the other folders.' },
        { group: [...nodeBuiltins, 'electron', 'solid-js', 'solid-js/*', 'livekit-client'], message: 'shared/ uses no platform API.' },
      ]),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(rendererImports),
    },
  },
  {
    files: ['renderer/office/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        ...rendererImports,
        { group: ['livekit-client', 'livekit-client/*', '**/media/**'], message: 'The office never holds media: its host passes the call bar in.' },
      ]),
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['yjs', 'y-websocket', 'y-protocols', 'y-protocols/*', '**/shared/core/**', '**/shared/model/**'], message: 'electron/main never imports Yjs: it holds no app state.' },
        { group: ['**/renderer/**', '**/server/**'], message: 'electron/main routes messages; it does not embed views or the server.' },
      ]),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/renderer/**', '**/electron/**', 'electron', 'solid-js', 'solid-js/*'], message: 'server/ never imports renderer/ or electron/.' },
      ]),
    },
  },
)
