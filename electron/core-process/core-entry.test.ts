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

const here = import.meta.dirname
let dir: string
let server: ServerProcess
let core: ChildProcessWithoutNullStreams
let messages: AsyncIterator<string>
const toMain: unknown[] = []

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
  server = await startServerProcess(await freePort(), join(dir, 'server'))
  const team = await hallwayCli('team', 'create', '--data', join(dir, 'server'), '--name', 'Core Entry Team')
  const token = await hallwayCli('token', '--data', join(dir, 'server'), '--team', team, '--user', 'ada', '--name', 'Ada Lovelace')
  core = spawn(process.execPath, ['--import', 'tsx', '--import', join(here, '../testing/fake-parent-port.ts'), join(here, 'index.ts')], {
    env: { ...process.env, HALLWAY_SERVER: server.url, HALLWAY_TOKEN: token, HALLWAY_DATA: join(dir, 'core') },
  })
  core.stderr.pipe(process.stderr)
  messages = createInterface({ input: core.stdout })[Symbol.asyncIterator]()
}, 30_000)

afterAll(async () => {
  core?.kill('SIGKILL')
  await server?.kill()
  await rm(dir, { recursive: true, force: true })
})

describe('core utility entry (in Node, with a fake parentPort)', () => {
  it('serves the synced office over the view port main handed it, and keeps it on disk', async () => {
    const view = await snapshotWhen((view) => view.includes('"state":"online"') && DEFAULT_ROOMS.every((room) => view.includes(room.name)))
    expect(view).toContain('"name":"Ada Lovelace"')
    expect((await readdir(join(dir, 'core'))).length).toBeGreaterThan(0)
  })

  it('tells main a tray summary of the office', async () => {
    const lastRoomNames = () => {
      const last = toMain.at(-1)
      return last ? coreToMainSchema.parse(last).summary.rooms.map((room) => room.name).join() : ''
    }
    await snapshotWhen(() => lastRoomNames() !== '')
    expect(lastRoomNames()).toEqual(DEFAULT_ROOMS.map((room) => room.name).join())
  })
})
