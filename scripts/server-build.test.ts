import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeTempDirs, tempDir, waitFor } from '../server/testing/harness'
import { SERVER_NODE_FLAGS, spawnBuiltServer } from './server-build'

afterAll(removeTempDirs)

const repoFile = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')
const shippedCommand = `node ${SERVER_NODE_FLAGS.join(' ')} out/server/main.js`

describe('the built server is run with the same node flags everywhere we ship it', () => {
  it('npm run server passes SERVER_NODE_FLAGS', () => {
    const scripts = (JSON.parse(repoFile('package.json')) as { scripts: Record<string, string> }).scripts
    expect(scripts['server']).toContain(shippedCommand)
  })

  it("the README's systemd unit passes SERVER_NODE_FLAGS", () => {
    const execStart = repoFile('README.md')
      .split('\n')
      .filter((line) => line.startsWith('ExecStart='))
    expect(execStart.length).toBeGreaterThan(0)
    for (const line of execStart) expect(line).toContain(shippedCommand)
  })
})

describe('the built server, idle', () => {
  it('runs under SERVER_NODE_FLAGS: a 2 MB young generation (two 1 MB semi-spaces; start-up alone grows 2 MB ones to the cap) and fewer threads than node by default', async () => {
    const dir = tempDir()
    const report = join(dir, 'heap.json')
    const preload = new URL('./testing/report-heap.mjs', import.meta.url).href
    const read = () => JSON.parse(readFileSync(report, 'utf8')) as { spaces: Record<string, number>; threads: number }
    const server = await spawnBuiltServer(['--port', '0', '--host', '127.0.0.1', '--data', join(dir, 'data')], {
      env: { ...process.env, NODE_OPTIONS: `--import ${preload}`, REPORT_HEAP_TO: report },
    })
    try {
      rmSync(report, { force: true })
      await waitFor('the heap report', () => existsSync(report))
      const { spaces, threads } = read()
      expect(spaces['new_space']).toBeLessThanOrEqual(2 * 1024 * 1024)
      // Node's default: the main thread, 4 V8 workers, 4 libuv workers and 2 of its own (11 measured).
      expect(threads).toBeLessThanOrEqual(8)
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
    }
  }, 120_000)

  it("has not loaded node https, tls or zlib (ws client, compression, link previews) nor perf_hooks (the idle GC's loop measure, from the first connection) but has loaded http", async () => {
    const dir = tempDir()
    const report = join(dir, 'builtins.txt')
    const preload = new URL('./testing/report-builtins.mjs', import.meta.url).href
    const server = await spawnBuiltServer(['--port', '0', '--host', '127.0.0.1', '--data', join(dir, 'data')], {
      env: { ...process.env, NODE_OPTIONS: `--import ${preload}`, REPORT_BUILTINS_TO: report },
    })
    try {
      rmSync(report, { force: true })
      // Written after the server listened: what an idle server has loaded.
      await waitFor('the loaded-module report', () => existsSync(report))
      const loaded = readFileSync(report, 'utf8').split('\n')
      expect(loaded).toContain('NativeModule http')
      expect(loaded.filter((line) => /^NativeModule (https|tls|zlib|perf_hooks)$/.test(line))).toEqual([])
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
    }
  }, 120_000)
})

describe('the built server, start', () => {
  it("fails its start, exit 1 with SQLite's reason, when its store is not a database (the store is opened and checked before it listens)", async () => {
    const data = join(tempDir(), 'data')
    mkdirSync(data)
    writeFileSync(join(data, 'hallway.db'), 'not a database, '.repeat(512))
    const started = spawnBuiltServer(['--port', '0', '--host', '127.0.0.1', '--data', data])
    await expect(started).rejects.toThrow(/exited with 1 before listening:\s+hallway server: file is not a database/)
  }, 120_000)
})
