import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { coreToViewSchema } from '../../shared/contract/view-port'
import { DEFAULT_ROOMS } from '../../shared/model/starter-rooms'
import { coreToMainSchema } from '../../shared/contract/main-to-core'
import { freePort, hallwayCli, startServerProcess, type ServerProcess } from '../../e2e/web/hallway-server'
import { openCore, waitFor } from '../../server/testing/harness'
import { pausableProxy, type PausableProxy } from '../../server/testing/pausable-proxy'
import type { PresenceCore } from '../../shared/core/engine'

const here = import.meta.dirname
let dir: string
let server: ServerProcess
/** The core reaches the server through this, so a test can stop it hearing the server's answers. */
let proxy: PausableProxy
let serverDir: string
let teamId: string
let core: ChildProcessWithoutNullStreams
let messages: AsyncIterator<string>
const toMain: unknown[] = []

/** Reads the core's output until a line satisfies `until`; what it posts to main is collected in toMain. */
async function readUntil(until: (line: { toMain?: unknown; type?: string }) => boolean): Promise<void> {
  for (;;) {
    const { value, done } = await messages.next()
    if (done) throw new Error('the core exited')
    const line = JSON.parse(value) as { toMain?: unknown; type?: string }
    if (line.toMain) toMain.push(line.toMain)
    if (until(line)) return
  }
}

/** Asks for snapshots (hello) until one satisfies the predicate. */
async function snapshotWhen(predicate: (view: string) => boolean): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    core.stdin.write(JSON.stringify({ type: 'hello' }) + '\n')
    for (;;) {
      const { value, done } = await messages.next()
      if (done) throw new Error('the core exited')
      const line = JSON.parse(value) as { toMain?: unknown }
      if (line.toMain) {
        toMain.push(line.toMain)
        continue
      }
      const message = coreToViewSchema.parse(line)
      if (message.type !== 'snapshot') continue
      const view = JSON.stringify(message.view)
      if (predicate(view)) return view
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the core never showed the expected office')
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hallway-core-entry-'))
  serverDir = join(dir, 'server')
  const port = await freePort()
  server = await startServerProcess(port, serverDir)
  proxy = await pausableProxy(port)
  teamId = await hallwayCli('team', 'create', '--data', serverDir, '--name', 'Core Entry Team')
  const token = await hallwayCli('token', '--data', serverDir, '--team', teamId, '--user', 'ada', '--name', 'Ada Lovelace')
  core = spawn(process.execPath, ['--import', 'tsx', '--import', join(here, '../testing/fake-parent-port.ts'), join(here, 'index.ts')], {
    env: { ...process.env, HALLWAY_SERVER: proxy.url, HALLWAY_TOKEN: token, HALLWAY_DATA: join(dir, 'core') },
  })
  core.stderr.pipe(process.stderr)
  messages = createInterface({ input: core.stdout })[Symbol.asyncIterator]()
}, 30_000)

afterAll(async () => {
  core?.kill('SIGKILL')
  await proxy?.close()
  await server?.kill()
  await rm(dir, { recursive: true, force: true })
})

describe('core utility entry (in Node, with a fake parentPort)', () => {
  it('serves the synced office over the view port main handed it, and keeps it on disk', async () => {
    const view = await snapshotWhen((view) => view.includes('"state":"online"') && DEFAULT_ROOMS.every((room) => view.includes(room.name)))
    expect(view).toContain('"name":"Ada Lovelace"')
    // The store writes after the view is served, so a loaded machine can ask before the first write.
    expect(await waitFor('the office kept on disk', async () => (await readdir(join(dir, 'core'))).length)).toBeGreaterThan(0)
  })

  it('builds the saved-view text on desktop too, as the web worker does: the synced office, as still connecting', async () => {
    await snapshotWhen((view) => view.includes('"state":"online"'))
    core.stdin.write(JSON.stringify({ type: 'savedViewText' }) + '\n')
    let text: string | null = null
    await readUntil((line) => {
      if (line.type !== 'savedViewText') return false
      const message = coreToViewSchema.parse(line)
      if (message.type === 'savedViewText') text = message.text
      return true
    })
    const saved = JSON.parse(text!) as { version: number; view: { team: { id: string }; connection: { state: string }; members: Record<string, { name: string }> } }
    expect(saved.version).toBe(1)
    expect(saved.view.team.id).toBe(teamId)
    expect(saved.view.connection.state).toBe('connecting')
    expect(saved.view.members.ada!.name).toBe('Ada Lovelace')
  })

  it('tells main a tray summary of the office', async () => {
    const lastRoomNames = () => {
      const last = toMain.map((message) => coreToMainSchema.parse(message)).findLast((message) => message.type === 'tray')
      return last ? last.summary.rooms.map((room) => room.name).join() : ''
    }
    await snapshotWhen(() => lastRoomNames() !== '')
    expect(lastRoomNames()).toEqual(DEFAULT_ROOMS.map((room) => room.name).join())
  })

  it('on quit, leaves the room and says ready-to-quit only once the server has answered for the leave', async () => {
    const bobToken = await hallwayCli('token', '--data', serverDir, '--team', teamId, '--user', 'bob', '--name', 'Bob')
    const bob: PresenceCore = await openCore(server.url, bobToken)
    try {
      await bob.whenSynced()
      const adaInLobby = () => bob.view().rooms.lobby?.occupants.includes('ada') === true
      core.stdin.write(JSON.stringify({ type: 'command', id: 1, command: { type: 'enterRoom', roomId: 'lobby' } }) + '\n')
      await waitFor('bob to see ada in the lobby', adaInLobby)

      // The core stops hearing the server: its leave still gets there, the server's answer does not.
      proxy.pause()
      core.stdin.write(JSON.stringify({ toCore: { type: 'quit' } }) + '\n')
      await waitFor('bob to see ada leave the lobby', () => !adaInLobby())
      // A snapshot asked for now comes after anything the core posted before it.
      core.stdin.write(JSON.stringify({ type: 'hello' }) + '\n')
      await readUntil((line) => line.type === 'snapshot')
      const readyToQuit = () => toMain.some((message) => coreToMainSchema.parse(message).type === 'ready-to-quit')
      expect(readyToQuit()).toBe(false)

      proxy.resume()
      await readUntil(() => readyToQuit())
    } finally {
      await bob.close()
    }
  })
})
