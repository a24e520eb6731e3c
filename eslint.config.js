import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

// The import rules of docs/architecture.md ("Layout"). Each folder gets one rule set: flat config
// replaces a rule's options for files matched twice, so every set lists all of its folder's bans.
const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'worker_threads', 'stream', 'url', 'zlib', 'dns', 'events', 'util', 'ws', 'better-sqlite3']
const yjs = ['yjs', 'y-websocket', 'y-websocket/*', 'y-protocols', 'y-protocols/*', 'y-indexeddb', 'lib0', 'lib0/*']
const restrict = (...groups) => ['error', { patterns: groups.flat().map(({ group, message }) => ({ group, message })) }]
const tests = ['**/*.test.ts', '**/*.test.tsx']

const testSupport = {
  group: ['**/testing/**', '**/e2e/**'],
  message: 'Test support (testing/ folders, e2e/) is for tests, e2e/ and bench/ only: shipped code must not carry fakes or test servers.',
}
const sharedBans = [
  { group: ['**/electron/**', '**/renderer/**', '**/server/**', '**/e2e/**', '**/scripts/**', '**/bench/**'], message: 'shared/ imports nothing from the other folders.' },
  { group: [...nodeBuiltins, 'electron', 'solid-js', 'solid-js/*', 'livekit-client'], message: 'shared/ uses no platform API: the core is host-agnostic (transport, storage and view port are injected).' },
]
const noPlatformInRenderer = [
  { group: [...nodeBuiltins, 'electron', 'electron/*'], message: 'renderer/ runs in a sandboxed page: it never imports Node or Electron.' },
  { group: ['**/electron/**', '**/server/**'], message: 'renderer/ talks to other processes only through shared/contract.' },
]
const noStateInViews = {
  group: [...yjs, '**/shared/core/**', '**/shared/model/team-doc', '**/shared/model/discussion'],
  message: 'Views never touch Yjs or the core: they receive patches and send commands (shared/contract). Only renderer/worker hosts the core.',
}
const noMediaInOffice = {
  group: ['livekit-client', 'livekit-client/*', '**/media/**'],
  message: 'The office never holds media: its host passes the call bar in.',
}

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
    files: ['shared/model/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': restrict(
        sharedBans,
        { group: ['**/contract/**', '**/core/**', '../contract', '../core'], message: 'shared/model is the bottom of shared/ (model ← contract ← core): the document schema knows no messages and no core.' },
      ),
    },
  },
  {
    files: ['shared/contract/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': restrict(
        sharedBans,
        { group: [...yjs, '**/core/**'], message: 'shared/contract is plain data between processes (model ← contract ← core): no Yjs, no core.' },
      ),
    },
  },
  {
    files: ['shared/core/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': restrict(sharedBans),
    },
  },
  {
    files: ['renderer/worker/**/*.ts'],
    ignores: tests,
    rules: { 'no-restricted-imports': restrict(noPlatformInRenderer, testSupport) },
  },
  {
    files: ['renderer/web/**/*.{ts,tsx}', 'renderer/media/**/*.{ts,tsx}'],
    ignores: tests,
    rules: { 'no-restricted-imports': restrict(noPlatformInRenderer, noStateInViews, testSupport) },
  },
  {
    files: ['renderer/office/**/*.{ts,tsx}'],
    ignores: tests,
    rules: { 'no-restricted-imports': restrict(noPlatformInRenderer, noStateInViews, noMediaInOffice, testSupport) },
  },
  {
    files: ['renderer/ui/**/*.{ts,tsx}'],
    ignores: tests,
    rules: {
      'no-restricted-imports': restrict(noPlatformInRenderer, noStateInViews, testSupport, {
        group: ['**/office/**', '**/media/**', '**/web/**', '**/worker/**', 'livekit-client', 'livekit-client/*'],
        message: 'renderer/ui is the shared floor of the views: it imports no other renderer folder.',
      }),
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': restrict(
        { group: [...yjs, '**/shared/core/**', '**/shared/model/**'], message: 'electron/main never imports Yjs: it holds no app state.' },
        { group: ['**/renderer/**', '**/server/**', '**/core-process/**', '**/preload/**'], message: 'electron/main routes messages; it does not embed views, the server or the core.' },
        testSupport,
      ),
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': restrict(
        { group: ['**/main/**', '**/core-process/**', '**/renderer/**', '**/server/**', '**/shared/core/**', '**/shared/model/**', ...yjs, ...nodeBuiltins, 'zod'], message: 'electron/preload is a sandboxed bridge: only electron and shared/contract types (zod stays out: it would bundle into every page).' },
        testSupport,
      ),
    },
  },
  {
    files: ['shared/contract/electron-bridge.ts', 'shared/contract/ipc-channels.ts'],
    rules: {
      'no-restricted-imports': restrict({ group: ['*', '**/*'], message: 'the preload bundles this file into every page: it imports nothing (schemas go in electron-bridge-answers.ts).' }),
    },
  },
  {
    files: ['electron/core-process/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': restrict(
        { group: ['**/main/**', '**/preload/**', '**/renderer/**', '**/server/**', 'electron', 'solid-js', 'solid-js/*', 'livekit-client'], message: 'electron/core-process is a utilityProcess: it boots shared/core and talks to main only through shared/contract messages.' },
        testSupport,
      ),
    },
  },
  {
    files: ['electron/common/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': restrict(
        { group: ['**/main/**', '**/core-process/**', '**/preload/**', '**/renderer/**', '**/server/**', 'electron', ...yjs], message: 'electron/common holds what main and the core process both read (files they hand over): Node and shared/contract only.' },
        testSupport,
      ),
    },
  },
  {
    files: ['server/**/*.ts', 'scripts/**/*.ts'],
    ignores: [...tests, 'server/testing/**'],
    rules: {
      'no-restricted-imports': restrict(
        { group: ['**/renderer/**', '**/electron/**', 'electron', 'solid-js', 'solid-js/*'], message: 'server/ and scripts/ never import renderer/ or electron/.' },
        testSupport,
      ),
    },
  },
  {
    files: ['server/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({ group: ['**/renderer/**', '**/electron/**', 'electron', 'solid-js', 'solid-js/*'], message: 'server/ never imports renderer/ or electron/.' }),
    },
  },
)
