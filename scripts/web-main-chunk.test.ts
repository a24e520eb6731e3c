import { relative, resolve } from 'node:path'
import { build, type Plugin, type Rollup } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'
import { removeTempDirs, tempDir } from '../server/testing/harness'
import webConfig from '../vite.web.config'

afterAll(removeTempDirs)

const repoRoot = resolve(import.meta.dirname, '..')

/** Builds the web client into a temp dir; for each package or source file in the page's main chunk, the static import chain that brings it in from the page. */
async function mainChunkChains(): Promise<Map<string, string[]>> {
  const chains = new Map<string, string[]>()
  const collect: Plugin = {
    name: 'main-chunk-chains',
    generateBundle(_, bundle) {
      const main = Object.values(bundle).find((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.isEntry && file.fileName.startsWith('assets/index-'))
      if (!main?.facadeModuleId) throw new Error('The web build has no main chunk (assets/index-*.js)')
      const parent = new Map<string, string | null>([[main.facadeModuleId, null]])
      const queue = [main.facadeModuleId]
      while (queue.length > 0) {
        const id = queue.shift()!
        for (const next of this.getModuleInfo(id)?.importedIds ?? []) {
          if (parent.has(next)) continue
          parent.set(next, id)
          queue.push(next)
        }
      }
      for (const id of Object.keys(main.modules)) {
        const chain: string[] = []
        for (let at: string | null | undefined = id; at; at = parent.get(at)) chain.unshift(at.includes('node_modules/') ? at.slice(at.lastIndexOf('node_modules/') + 13) : relative(repoRoot, at))
        chains.set(chain.at(-1)!, chain)
      }
    },
  }
  await build({ ...webConfig, configFile: false, logLevel: 'silent', plugins: [...(webConfig.plugins ?? []), collect], build: { ...webConfig.build, outDir: tempDir('hallway-web-chunk-'), write: false } })
  return chains
}

describe("the web page's main chunk", () => {
  it('holds no zod: what the page reads before its first frame goes through hand-written readers (shared/contract/value-checks.ts), and each zod check loads with its first use', async () => {
    const chains = await mainChunkChains()
    // The check can see: the page's own modules are there.
    expect([...chains.keys()]).toContain('renderer/office/OfficeLayout.tsx')
    const zod = [...chains].filter(([id]) => id.startsWith('zod/')).map(([, chain]) => chain.join(' → '))
    expect(zod).toEqual([])
  }, 120_000)
})
