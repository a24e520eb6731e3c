import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import solid from 'vite-plugin-solid'
import { pageHead } from './scripts/vite-page-head'

const root = import.meta.dirname

export default defineConfig({
  main: {
    // ws's optional native helpers (bufferutil, utf-8-validate) are not installed; bundled, Vite
    // would stand in an empty module whose missing functions throw on the first large frame.
    // These switches make ws take its pure-JS paths.
    define: { 'process.env.WS_NO_BUFFER_UTIL': '"1"', 'process.env.WS_NO_UTF_8_VALIDATE': '"1"' },
    build: {
      outDir: 'out/main',
      // Bundle every dependency (only electron and Node builtins stay external): the packaged app
      // then carries no node_modules, so no server-only package can slip into app.asar.
      externalizeDeps: false,
      rollupOptions: {
        // The core runs in a utilityProcess forked from out/main/core.js.
        input: { index: resolve(root, 'electron/main/index.ts'), core: resolve(root, 'electron/core-process/index.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads can require only 'electron': bundle everything else into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [solid(), pageHead(root)],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // Outside the renderer root Vite would otherwise keep stale hashed assets.
      emptyOutDir: true,
      // Each avatar sprite is one cached file shared by every <img>, as on the web: never inlined.
      assetsInlineLimit: 0,
      rollupOptions: {
        input: { office: resolve(root, 'renderer/office/index.html'), media: resolve(root, 'renderer/media/host/index.html') },
      },
    },
  },
})
