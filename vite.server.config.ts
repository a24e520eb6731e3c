import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * ws requires node's https, tls and zlib at its top for its client and its compression, neither of
 * which a server without per-message deflate uses; loading them costs an idle server ~1 MB of RSS
 * (and an ES import of tls reads every root certificate). Inside ws they become objects that load
 * the real module at the first property read.
 */
function lazyBuiltinsForWs(names: readonly string[]): Plugin {
  const prefix = '\0lazy-builtin:'
  return {
    name: 'lazy-builtins-for-ws',
    enforce: 'pre',
    resolveId(source, importer) {
      return names.includes(source) && importer?.includes('/node_modules/ws/') ? prefix + source : null
    },
    load(id) {
      if (!id.startsWith(prefix)) return null
      const name = id.slice(prefix.length)
      return [
        "import { createRequire } from 'node:module'",
        'let loaded',
        `const real = () => (loaded ??= createRequire(import.meta.url)('node:${name}'))`,
        'export default new Proxy({}, { get: (_, key) => real()[key] })',
      ].join('\n')
    },
  }
}

/**
 * The sync server as built JavaScript (`npm run build:server` → out/server/main.js), run by plain
 * `node`: no TypeScript loader in production, so less memory and a faster start. Packages stay in
 * node_modules (SSR builds externalize them); only our own code is bundled.
 */
export default defineConfig({
  // Bundled and minified, packages included: V8 keeps every loaded module's source in memory, so
  // one tree-shaken file costs far less than node_modules' thousands. Native and optional-backend
  // packages stay external (loaded from node_modules, the scale-out ones only when configured).
  ssr: { noExternal: true, external: ['better-sqlite3', 'pg', 'ioredis', 'livekit-server-sdk'] },
  // ws tries its optional native helpers (bufferutil, utf-8-validate) with a guarded require that a
  // bundle turns into an empty module; these switches make it use its own JavaScript ones.
  define: { 'process.env.WS_NO_BUFFER_UTIL': '"1"', 'process.env.WS_NO_UTF_8_VALIDATE': '"1"' },
  // V8 keeps the bundle's source in memory, and one character past Latin-1 anywhere in it (four
  // did: '–', '≥', U+FFFD) stores all of it two bytes a character: ASCII escapes halve that.
  esbuild: { charset: 'ascii' },
  plugins: [lazyBuiltinsForWs(['https', 'tls', 'zlib'])],
  build: {
    minify: true,
    ssr: here('server/main.ts'),
    outDir: here('out/server'),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: { output: { entryFileNames: 'main.js', format: 'es' } },
  },
})
