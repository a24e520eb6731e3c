// A real electron-builder run of build/electron-builder.yml (`--linux --dir`) over a freshly built
// out/, with a stand-in Electron (the binary cannot be downloaded here), then the packaged app.asar
// opened and followed import by import.
import { extractAll } from '@electron/asar'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, hallwayCli, startServerProcess } from '../../e2e/web/hallway-server'
import { coreToMainSchema } from '../../shared/contract/main-to-core'
import { DEFAULT_ROOMS } from '../../shared/model/starter-rooms'
import { readFuseWire, shippedFuseWire, writeStandInElectronDist } from '../../electron/testing/stand-in-electron-dist'
import { asarBudgetBytes, asarProblems, inspectAppAsar, loadedByPath, serverOnlyPackages, type AsarReport } from './app-asar'
import { buildApp, packageApp, repoRoot } from './build-steps'

const feedUrl = 'https://updates.test/hallway'
const work = mkdtempSync(join(tmpdir(), 'hallway-package-'))
const appDir = join(work, 'dist', 'linux-unpacked')
let report: AsarReport

beforeAll(async () => {
  await buildApp({ quiet: true })
  writeStandInElectronDist(join(work, 'electron'))
  await packageApp(['--linux', '--dir', `-c.electronDist=${join(work, 'electron')}`, `-c.directories.output=${join(work, 'dist')}`], {
    env: { HALLWAY_UPDATE_URL: feedUrl },
    quiet: true,
  })
  report = inspectAppAsar(join(appDir, 'resources', 'app.asar'))
}, 300_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the packaged desktop app (electron-builder --dir, stand-in Electron)', () => {
  it('app.asar holds every file main, the core, the preload and the pages load, and they import no package', () => {
    expect(report.missing).toEqual([])
    expect(report.packageImports).toEqual([])
    for (const entry of ['out/main/index.js', ...loadedByPath]) expect(report.loaded).toContain(entry)
    // The pages' scripts and styles are reached through their <script>/<link> tags, not listed by hand.
    expect(report.loaded.filter((path) => path.startsWith('out/renderer/assets/') && path.endsWith('.js')).length).toBeGreaterThan(1)
    expect(report.loaded.some((path) => path.startsWith('out/renderer/assets/') && path.endsWith('.css'))).toBe(true)
    expect(asarProblems(report)).toEqual([])
  })

  it('app.asar carries no node_modules at all, so no server-only package, and no browser build', () => {
    expect(report.nodeModules).toEqual([])
    for (const name of serverOnlyPackages) expect(report.files.filter((path) => path.includes(`/${name}/`))).toEqual([])
    expect(report.files.filter((path) => path.startsWith('out/web/'))).toEqual([])
  })

  it(`app.asar fits the ${asarBudgetBytes / 2 ** 20} MB budget`, () => {
    console.log(`app.asar: ${(report.sizeBytes / 2 ** 20).toFixed(2)} MB, ${report.files.length} entries, ${report.loaded.length} files loaded`)
    expect(report.sizeBytes).toBeLessThanOrEqual(asarBudgetBytes)
  })

  it("flips all of Electron's recommended fuses on the packaged binary, GrantFileProtocolExtraPrivileges off", () => {
    expect(readFuseWire(join(work, 'electron', 'electron'))).toBe(shippedFuseWire)
    // FuseV1Options order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
    // EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
    // LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges.
    expect(readFuseWire(join(appDir, 'hallway'))).toBe('01001100')
  })

  it("bakes the generic update feed into the app for electron-updater (app-update.yml)", () => {
    const updateConfig = readFileSync(join(appDir, 'resources', 'app-update.yml'), 'utf8')
    expect(updateConfig).toMatch(/^provider: generic$/m)
    expect(updateConfig).toContain(`url: ${feedUrl}`)
  })

  it("runs the packaged core from app.asar's files alone (no node_modules near): it syncs the office from a real server over its bundled ws", async () => {
    const extracted = join(work, 'extracted')
    extractAll(join(appDir, 'resources', 'app.asar'), extracted)
    expect(existsSync(join(extracted, 'node_modules'))).toBe(false)
    const serverData = join(work, 'server')
    const server = await startServerProcess(await freePort(), serverData)
    // Node 20 has no global WebSocket, so the core takes the bundled ws (Electron's Node would not).
    const fakeParentPort = join(import.meta.dirname, '../../electron/testing/fake-parent-port.ts')
    let core: ReturnType<typeof spawn> | undefined
    try {
      const team = await hallwayCli('team', 'create', '--data', serverData, '--name', 'Packaged Team')
      const token = await hallwayCli('token', '--data', serverData, '--team', team, '--user', 'ada', '--name', 'Ada Lovelace')
      core = spawn(process.execPath, ['--import', 'tsx', '--import', fakeParentPort, join(extracted, 'out', 'main', 'core.js')], {
        // The repo's cwd only lets --import find tsx; core.js resolves its imports from its own folder.
        cwd: repoRoot,
        env: { ...process.env, HALLWAY_SERVER: server.url, HALLWAY_TOKEN: token, HALLWAY_DATA: join(work, 'core-data') },
        stdio: ['pipe', 'pipe', 'inherit'],
      })
      const wanted = DEFAULT_ROOMS.map((room) => room.name).join()
      let seen = ''
      for await (const line of createInterface({ input: core.stdout! })) {
        const { toMain } = JSON.parse(line) as { toMain?: unknown }
        if (toMain === undefined) continue
        const message = coreToMainSchema.parse(toMain)
        if (message.type !== 'tray') continue
        seen = message.summary.rooms.map((room) => room.name).join()
        if (seen === wanted) break
      }
      expect(seen).toBe(wanted)
    } finally {
      core?.kill('SIGKILL')
      await server.kill()
    }
  }, 60_000)

  it('ships the tray icons, macOS template images included, beside app.asar', () => {
    expect(readdirSync(join(appDir, 'resources', 'tray')).sort()).toEqual(['tray.png', 'tray@2x.png', 'trayTemplate.png', 'trayTemplate@2x.png'])
  })
})
