import { readFileSync } from 'node:fs'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { CoreCommand } from '../../shared/contract/commands'
import { chatDocName, teamDocName } from '../../shared/contract/doc-names'
import type { PresenceCore } from '../../shared/core/engine'
import { createTestTeam, fetchText, openCore, readMetric, removeTempDirs, spawnServer, tempDir, tokenFor, waitFor, type ServerProcess } from '../testing/harness'
import { seededRandom, type Random } from '../../shared/model/seeded-random'
import { fuzzFrames, type FuzzFrame } from '../testing/fuzz-frames'

const cores: PresenceCore[] = []
const processes: ServerProcess[] = []
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.destroy()))
  for (const server of processes.splice(0)) server.child.kill('SIGKILL')
})
afterAll(removeTempDirs)

const FRAMES = 100_000
const SOCKETS = 16
/** Frames written at once on each connection before it closes or is closed. */
const BURST = 16
const MAX_MESSAGE_BYTES = 256 * 1024
/** Every generator in fuzz-frames.ts gets its turn. */
const FRAME_KINDS = 20
/** Growth of the server's resident memory over its warmed-up baseline that still counts as bounded. */
const MAX_RSS_GROWTH_MIB = 150

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!
  return Number(/\d+/.exec(line)![0]) / 1024
}

/** One raw socket: connect, write a burst, close; again and again until the shared count is reached. */
async function throwFrames(url: string, docName: string, token: string, next: () => FuzzFrame, counter: { sent: number; kinds: Set<string> }): Promise<void> {
  while (counter.sent < FRAMES) {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${docName}?token=${token}`)
    ws.on('error', () => {})
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
    const opened = await Promise.race([new Promise<boolean>((resolve) => ws.once('open', () => resolve(true))), closed.then(() => false)])
    if (opened) {
      for (let i = 0; i < BURST && ws.readyState === ws.OPEN; i++) {
        const { kind, data } = next()
        ws.send(data, { binary: typeof data !== 'string' })
        counter.sent++
        counter.kinds.add(kind)
      }
      ws.close(1000)
    }
    const cut = setTimeout(() => ws.terminate(), 2000)
    await closed
    clearTimeout(cut)
  }
}

/** What an honest member does all day: walk around, toggle the mic, sometimes make a room. */
function honestCommand(core: PresenceCore, random: Random, step: number): CoreCommand {
  const rooms = Object.values(core.view().rooms).filter((room) => room.door === 'open')
  const roll = random()
  if (step % 25 === 0) return { type: 'createRoom', name: `${core.userId} room ${step}`, kind: 'open' }
  if (roll < 0.5 && rooms.length > 0) return { type: 'enterRoom', roomId: rooms[Math.floor(random() * rooms.length)]!.id }
  if (roll < 0.8) return { type: 'setMic', on: random() < 0.5 }
  return { type: 'updateProfile', patch: { title: `step ${step}` } }
}

/** The team document's maps as JSON with sorted keys (key order follows arrival order in Yjs). */
function durableState(core: PresenceCore): string {
  const doc = core.replica.doc
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, inner]) => [key, sorted(inner)]))
      : value
  return JSON.stringify(['meta', 'rooms', 'members', 'statuses'].map((name) => sorted(doc.getMap(name).toJSON())))
}

describe('fuzz', () => {
  it(`survives ${FRAMES.toLocaleString('en')} malformed frames while two honest members keep editing`, async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    const server = spawnServer(['--port', '0', '--data', dir], { HALLWAY_LOG_LEVEL: 'error' })
    processes.push(server)
    const url = await server.listening
    const pid = server.child.pid!

    const ada = await openCore(url, await tokenFor(dir, teamId, 'ada'))
    const bob = await openCore(url, await tokenFor(dir, teamId, 'bob'))
    cores.push(ada, bob)
    await Promise.all([ada.whenSynced(), bob.whenSynced()])
    const random = seededRandom(Number(process.env.FUZZ_SEED ?? 20261124))
    let step = 0
    let editing = true
    const edits = (async () => {
      while (editing) {
        for (const core of [ada, bob]) await core.execute(honestCommand(core, random, ++step))
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    })()
    await waitFor('a few honest edits', () => step > 20)
    const baseline = rssMiB(pid)
    const samples: number[] = []
    const sampler = setInterval(() => samples.push(rssMiB(pid)), 200)
    const framesBefore = await readMetric(url, 'hallway_messages_in_total')

    const next = fuzzFrames(random, { maxMessageBytes: MAX_MESSAGE_BYTES, honestUsers: ['ada', 'bob'] })
    const counter = { sent: 0, kinds: new Set<string>() }
    const started = performance.now()
    const docs = [teamDocName(teamId), teamDocName(teamId), chatDocName(teamId, 'lobby'), chatDocName(teamId, 'kitchen')]
    await Promise.all(
      Array.from({ length: SOCKETS }, async (_, i) => throwFrames(url, docs[i % docs.length]!, await tokenFor(dir, teamId, `fuzz-${i}`), next, counter)),
    )
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    editing = false
    await edits

    expect(server.child.exitCode).toBeNull()
    expect((await fetchText(`${url}/healthz`)).status).toBe(200)
    const handled = (await readMetric(url, 'hallway_messages_in_total')) - framesBefore
    const refused = await readMetric(url, 'hallway_refusals_total{reason="malformed"}')
    const peak = Math.max(...samples)
    const end = rssMiB(pid)

    // The honest members converge with each other and with what the server has.
    await waitFor('ada and bob to converge', () => durableState(ada) === durableState(bob), 20_000)
    const fresh = await openCore(url, await tokenFor(dir, teamId, 'cy'))
    cores.push(fresh)
    await fresh.whenSynced()
    await waitFor('a fresh member to see the same document', () => durableState(fresh) === durableState(ada), 20_000)
    expect(ada.view().connection.state).toBe('online')
    expect(bob.view().connection.state).toBe('online')
    const adaRoom = ada.view().me.room
    if (adaRoom) await waitFor('bob to see where ada is', () => bob.view().rooms[adaRoom]?.occupants.includes('ada'))

    console.info(
      `fuzz: ${counter.sent} frames of ${counter.kinds.size} kinds thrown in ${seconds.toFixed(1)} s over ${SOCKETS} sockets (${handled} read by the server before it closed them, ` +
        `${refused} refused as malformed); ${step} honest edits meanwhile; server RSS ${baseline.toFixed(0)} MiB before, ` +
        `peak ${peak.toFixed(0)} MiB, ${end.toFixed(0)} MiB after`,
    )
    const errors = server.output.stderr.split('\n').filter((line) => line.includes('"level":"error"'))
    expect(errors).toEqual([])
    expect(peak - baseline).toBeLessThan(MAX_RSS_GROWTH_MIB)
    expect(counter.kinds.size).toBe(FRAME_KINDS)
  }, 120_000)
})
