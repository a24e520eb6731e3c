// Builds the media test page (e2e/media/test-page) into out/media-test for e2e/media and bench/media.
import { defineConfig } from 'vite'

const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname)

export default defineConfig({
  root: here('./'),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: here('../../../out/media-test'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // livekit-client is one ~600 kB chunk; the page is never shipped.
    chunkSizeWarningLimit: 1000,
  },
})
