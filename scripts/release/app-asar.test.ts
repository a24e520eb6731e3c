import { createPackage } from '@electron/asar'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { asarBudgetBytes, asarProblems, inspectAppAsar } from './app-asar'

const work = mkdtempSync(join(tmpdir(), 'hallway-asar-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

async function packAsar(name: string, files: Record<string, string | Buffer>): Promise<string> {
  const source = join(work, name)
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(source, path)), { recursive: true })
    writeFileSync(join(source, path), contents)
  }
  const archive = join(work, `${name}.asar`)
  await createPackage(source, archive)
  return archive
}

const wellFormedApp = {
  'package.json': JSON.stringify({ main: 'out/main/index.js' }),
  'out/main/index.js': 'import { app } from "electron"\nimport { join } from "node:path"\nimport { helper } from "./chunks/helper.js"\nexport { app, join, helper }\n',
  'out/main/chunks/helper.js': 'export const helper = await import("./lazy.js")\n',
  'out/main/chunks/lazy.js': 'export {}\n',
  'out/main/core.js': 'import { createRequire } from "node:module"\nconst require2 = createRequire(import.meta.url)\nrequire2("./core-helper.cjs")\n',
  'out/main/core-helper.cjs': 'require("fs")\n',
  'out/preload/index.cjs': 'const { contextBridge } = require("electron")\n',
  'out/renderer/office/index.html': '<head><script type="module" src="../assets/office.js"></script><link rel="stylesheet" href="../assets/office.css"></head>',
  'out/renderer/media/host/index.html': '<head><script type="module" src="../../assets/media.js"></script></head>',
  'out/renderer/assets/office.js': 'export const atlas = new URL("atlas.svg", import.meta.url)\n',
  'out/renderer/assets/office.css': 'body { background: url(./paper.png) }\n',
  'out/renderer/assets/atlas.svg': '<svg/>',
  'out/renderer/assets/paper.png': 'png',
  'out/renderer/assets/media.js': 'export {}\n',
}

describe('inspectAppAsar', () => {
  it('follows imports, dynamic imports, require, page tags, stylesheet and asset URLs to every file, and finds nothing wrong', async () => {
    const report = inspectAppAsar(await packAsar('good', wellFormedApp))
    expect(report.loaded).toEqual(Object.keys(wellFormedApp).filter((path) => path !== 'package.json').sort())
    expect(asarProblems(report)).toEqual([])
  })

  it('reports a missing chunk, a missing asset, a package import and a server-only package, each by name', async () => {
    const report = inspectAppAsar(
      await packAsar('broken', {
        ...wellFormedApp,
        'out/main/chunks/helper.js': 'import { z } from "zod"\nexport const helper = await import("./gone.js")\n',
        'out/renderer/assets/office.js': 'export const atlas = new URL("missing.svg", import.meta.url)\n',
        'node_modules/pg/index.js': 'module.exports = {}\n',
      }),
    )
    expect(asarProblems(report)).toEqual([
      'out/renderer/assets/office.js loads ./missing.svg, which app.asar does not hold',
      'out/main/chunks/helper.js loads ./gone.js, which app.asar does not hold',
      'out/main/chunks/helper.js imports the package zod: bundle it (electron.vite.config.ts)',
      'server-only file in app.asar: node_modules/pg/index.js',
    ])
  })

  it('reports an archive over the 10 MB budget with its size', async () => {
    const report = inspectAppAsar(await packAsar('heavy', { ...wellFormedApp, 'out/renderer/assets/paper.png': Buffer.alloc(asarBudgetBytes + 1) }))
    expect(report.sizeBytes).toBeGreaterThan(asarBudgetBytes)
    expect(asarProblems(report)).toEqual(['app.asar is 10.0 MB, over the 10 MB budget'])
  })
})
