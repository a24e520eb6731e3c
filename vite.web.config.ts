import { fileURLToPath } from 'node:url'
import { defineConfig, type Rollup } from 'vite'
import solid from 'vite-plugin-solid'
import { pageHead } from './scripts/vite-page-head'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// zod ships comments Rollup cannot place; they are harmless and would drown real warnings.
const onwarn: Rollup.RollupOptions['onwarn'] = (warning, warn) => {
  if (warning.code !== 'INVALID_ANNOTATION') warn(warning)
}

/** The web client (renderer/web) as static files in out/web; `npm run web` serves them. */
export default defineConfig({
  root: here('renderer/web'),
  base: './',
  plugins: [solid(), pageHead(here('.'))],
  worker: { format: 'es' },
  build: {
    outDir: here('out/web'),
    emptyOutDir: true,
    target: 'es2022',
    // Each avatar sprite and status symbol is shared by every <img>: keep each one cacheable file, never inlined.
    assetsInlineLimit: 0,
    rollupOptions: { onwarn },
  },
})
