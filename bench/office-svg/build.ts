import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const productAvatar = join(repo, 'renderer/ui/Avatar')
/** The SVG-baseline web bundle; out/ is ignored and never shipped. */
export const SVG_WEB_ROOT = join(repo, 'out/web-svg-bench')

/** Every import of renderer/ui/Avatar resolves to the inline-SVG one instead. */
function svgAvatars(): Plugin {
  return {
    name: 'bench-svg-avatars',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.endsWith('/Avatar')) return null
      return resolve(dirname(importer), source) === productAvatar ? join(repo, 'bench/office-svg/SvgAvatar.tsx') : null
    },
  }
}

/** Builds the web client with inline-SVG faces into SVG_WEB_ROOT (every run: it is the baseline, not a product). */
export async function buildSvgWeb(): Promise<string> {
  const { build } = await import('vite')
  await build({
    configFile: join(repo, 'vite.web.config.ts'),
    logLevel: 'error',
    plugins: [svgAvatars()],
    build: { outDir: SVG_WEB_ROOT, emptyOutDir: true },
  })
  return SVG_WEB_ROOT
}
