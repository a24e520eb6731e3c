// Concurrency across real cores and a real server: writes never undo each other, and a random
// workload with disconnects converges with every invariant holding (issue 4).
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createCluster, startServices } from '../../server/testing/cluster'
import { openCore, waitFor } from '../../server/testing/harness'
import { officesClosedAfterEach } from '../../server/testing/test-office'
import type { CoreCommand } from '../contract/commands'
import { insidersOf } from '../model/rooms'
import { seededRandom } from '../model/seeded-random'
import { PresenceCore } from './engine'

const startOffice = officesClosedAfterEach()

/** Everyone here is an admin: the workload renames rooms and sets doors from anywhere. */
async function office() {
  const office = await startOffice()
  return { ...office, join: (user: string) => office.join(user, { role: 'admin' }) }
}

/** Durable state with keys sorted: map iteration order differs between replicas, content must not. */
const durable = (core: PresenceCore) =>
  JSON.stringify(['rooms', 'members', 'statuses'].map((key) => core.team.doc.getMap(key).toJSON()), (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value,
  )
const online = (core: PresenceCore) => core.view().connection.state === 'online'

describe('write collisions', () => {
  it('concurrent mute, room and status writes from two devices and others all survive', async () => {
    const { join } = await office()
    const laptop = await join('ada')
    const phone = await join('ada')
    const bob = await join('bob')
    await laptop.execute({ type: 'enterRoom', roomId: 'lobby' })
    await waitFor('everyone sees ada in the lobby', () => [phone, bob].every((c) => c.view().members.ada?.room === 'lobby'))

    // All in the same tick: nobody has heard anybody else's write yet.
    const results = await Promise.all([
      laptop.execute({ type: 'setMic', on: false }),
      phone.execute({ type: 'setStatus', text: 'Lunch', emoji: '', until: null, dnd: false }),
      laptop.execute({ type: 'setStatus', text: '', emoji: '', until: null, dnd: true }),
      bob.execute({ type: 'enterRoom', roomId: 'kitchen' }),
      bob.execute({ type: 'setStatus', text: 'Reviewing', emoji: 'emoji:bug', until: null, dnd: false }),
      bob.execute({ type: 'renameRoom', roomId: 'lobby', name: 'Front Desk' }),
      phone.execute({ type: 'renameRoom', roomId: 'kitchen', name: 'Cafe' }),
      laptop.execute({ type: 'updateProfile', patch: { title: 'CTO' } }),
      phone.execute({ type: 'updateProfile', patch: { timezone: 'Europe/Paris' } }),
    ])
    expect(results.every((r) => r.ok)).toBe(true)

    for (const core of [laptop, phone, bob]) {
      await waitFor('every write to arrive everywhere', () => {
        const view = core.view()
        return (
          view.members.ada?.mic === false &&
          view.members.ada?.room === 'lobby' &&
          view.members.ada.status?.text === 'Lunch' &&
          view.members.ada.status?.dnd === true &&
          view.members.ada.title === 'CTO' &&
          view.members.ada.timezone === 'Europe/Paris' &&
          view.members.bob?.room === 'kitchen' &&
          view.members.bob.status?.text === 'Reviewing' &&
          view.rooms.lobby?.name === 'Front Desk' &&
          view.rooms.kitchen?.name === 'Cafe'
        )
      })
    }
  })

  it('writes made offline on one device merge with the other device on reconnect', async () => {
    const { join } = await office()
    const laptop = await join('ada')
    const phone = await join('ada')
    laptop.replica.provider.disconnect()
    await laptop.execute({ type: 'setStatus', text: 'On a train', emoji: 'emoji:train', until: null, dnd: false })
    await phone.execute({ type: 'setStatus', text: '', emoji: '', until: null, dnd: true })
    await phone.execute({ type: 'renameRoom', roomId: 'standup', name: 'Daily' })
    laptop.replica.provider.connect()
    for (const core of [laptop, phone]) {
      await waitFor('the merge', () => {
        const ada = core.view().members.ada
        return ada?.status?.text === 'On a train' && ada.status.dnd && core.view().rooms.standup?.name === 'Daily'
      })
    }
  })
})

/**
 * Five cores (four members, the last on two devices) run a seeded random workload with random
 * disconnects; then all must converge and every invariant must hold.
 */
async function fuzz(join: (user: string, index: number) => Promise<PresenceCore>): Promise<void> {
  const seed = Number(process.env.FUZZ_SEED ?? 20261124)
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const fleet = [await join('u0', 0), await join('u1', 1), await join('u2', 2), await join('u3', 3), await join('u3', 4)]
  const roomIds = () => Object.keys(fleet[0]!.view().rooms)

  const actions: Array<(core: PresenceCore) => CoreCommand | 'toggleLink'> = [
    () => ({ type: 'enterRoom', roomId: pick(roomIds()) }),
    () => ({ type: 'enterRoom', roomId: pick(roomIds()) }),
    () => ({ type: 'leaveRoom' }),
    () => ({ type: 'setMic', on: random() < 0.5 }),
    () => ({ type: 'setStatus', text: pick(['', 'Lunch', 'Focus', 'Travelling']), emoji: '', until: null, dnd: random() < 0.2 }),
    () => ({ type: 'renameRoom', roomId: pick(roomIds()), name: `Room ${Math.floor(random() * 100)}` }),
    (core) => ({ type: 'setDoor', roomId: core.view().me.room ?? pick(roomIds()), door: pick(['open', 'closed', 'locked'] as const) }),
    () => ({ type: 'knock', roomId: pick(roomIds()) }),
    (core) => {
      const knock = Object.values(core.view().rooms).flatMap((room) => room.knocks)[0]
      return knock ? { type: 'answerKnock', userId: knock.user, admit: random() < 0.7 } : { type: 'leaveRoom' }
    },
    () => ({ type: 'claimMedia' }),
    () =>
      random() < 0.3
        ? { type: 'createRoom', name: `New ${Math.floor(random() * 1000)}`, kind: pick(['open', 'meeting', 'focus'] as const) }
        : { type: 'setMic', on: true },
    () => 'toggleLink',
    () => 'toggleLink',
  ]

  for (let step = 0; step < 400; step++) {
    const core = pick(fleet)
    const action = pick(actions)(core)
    if (action === 'toggleLink') {
      const provider = core.replica.provider
      if (provider.shouldConnect) provider.disconnect()
      else provider.connect()
    } else {
      await core.execute(action)
    }
    // Let some deliveries interleave with later actions, at random.
    if (random() < 0.3) await new Promise((resolve) => setImmediate(resolve))
  }

  for (const core of fleet) if (!core.replica.provider.shouldConnect) core.replica.provider.connect()
  await waitFor('every core online', () => fleet.every(online), 20_000)
  await waitFor(
    'the documents to converge',
    () => fleet.every((core) => Y.encodeStateVector(core.team.doc).toString() === Y.encodeStateVector(fleet[0]!.team.doc).toString()),
    20_000,
  )
  const occupancy = (core: PresenceCore) =>
    JSON.stringify(Object.values(core.view().rooms).map((room) => [room.id, room.occupants]).sort(([a], [b]) => String(a).localeCompare(String(b))))
  await waitFor('every view to agree on who is where', () => fleet.every((core) => occupancy(core) === occupancy(fleet[0]!)), 20_000)

  expect(new Set(fleet.map(durable)).size).toBe(1)
  const view = fleet[0]!.view()
  const seen = new Set<string>()
  for (const room of Object.values(view.rooms)) {
    for (const user of room.occupants) {
      expect(seen.has(user), `${user} is in two rooms (seed ${seed})`).toBe(false)
      seen.add(user)
    }
    if (room.door === 'locked') {
      const insiders = insidersOf(fleet[0]!.team, room.id)
      for (const user of room.occupants) expect(insiders, `${user} inside locked ${room.id} (seed ${seed})`).toContain(user)
    }
  }
  // Only one of u3's devices is in a room.
  expect(fleet.slice(3).filter((core) => core.me.room !== null).length).toBeLessThanOrEqual(1)
}

describe('convergence fuzz', () => {
  it('five cores on one server, random actions and disconnects: all converge and the invariants hold', async () => {
    const { join } = await office()
    await fuzz((user) => join(user))
  })

  it('the same across two scale-out nodes sharing Redis and Postgres', async () => {
    const services = await startServices()
    const cluster = await createCluster(services)
    try {
      const nodes = [await cluster.startNode(), await cluster.startNode()]
      const cores: PresenceCore[] = []
      try {
        // Alternate nodes, so u3's two devices sit on different nodes.
        await fuzz(async (user, index) => {
          const core = await openCore(nodes[index % 2]!.url, await cluster.token(user, 'admin'))
          cores.push(core)
          await core.whenSynced()
          return core
        })
      } finally {
        await Promise.all(cores.map((core) => core.close()))
      }
    } finally {
      await cluster.close()
      await services.stop()
    }
  }, 90_000)
})
