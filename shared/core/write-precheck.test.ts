// The core asks the write rules before it writes: a refused command says why and sends nothing
// (proved by a second client and a later marker), real cores on a real server (issue 10).
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { waitFor } from '../../server/testing/harness'
import { officesClosedAfterEach } from '../../server/testing/test-office'
import type { OfficeView } from '../contract/view'
import { roomsOnFloor } from '../model/rooms'
import { DEFAULT_FLOOR } from '../model/schema'
import { DEFAULT_ROOMS } from '../model/starter-rooms'
import { TeamDoc } from '../model/team-doc'
import { runDocumentCommand } from './document-actions'
import type { DocumentCommand } from './document-command'
import type { PresenceCore } from './engine'
import { initialPresence } from './presence'
import { teamWritesOf } from './write-precheck'
import { mapAt } from '../model/doc-read'

/** A new team: its members may not manage rooms (the default). */
const office = officesClosedAfterEach()

/** Every change to rooms that reaches `core` from now on. */
function roomChanges(core: PresenceCore): Y.YEvent<Y.AbstractType<unknown>>[] {
  const seen: Y.YEvent<Y.AbstractType<unknown>>[] = []
  core.team.rooms.observeDeep((events) => seen.push(...events))
  return seen
}

/** `writer` sets a status marker and `witness` waits for it: anything sent before it has arrived by then. */
async function marker(writer: PresenceCore, witness: PresenceCore, text: string): Promise<void> {
  expect(await writer.execute({ type: 'setStatus', text, emoji: '', until: null, dnd: false })).toEqual({ ok: true })
  await waitFor(`the marker "${text}"`, () => witness.view().members[writer.userId]?.status?.text === text)
}

describe('the core checks the write rules before writing', () => {
  it('refuses a member renaming a room with a message, and no update about it leaves the core', async () => {
    const { join } = await office()
    const ada = await join('ada')
    const root = await join('root', { role: 'admin' })
    const changes = roomChanges(root)

    expect(await ada.execute({ type: 'renameRoom', roomId: 'lobby', name: 'Mine' })).toEqual({ ok: false, error: 'Only admins may rename rooms.' })
    expect(await ada.execute({ type: 'createRoom', name: 'Side room', kind: 'open' })).toEqual({ ok: false, error: 'Only admins may create rooms.' })
    expect(await ada.execute({ type: 'deleteRoom', roomId: 'kitchen' })).toEqual({ ok: false, error: 'Only admins may delete rooms.' })
    expect(await ada.execute({ type: 'setDoor', roomId: 'kitchen', door: 'locked' })).toEqual({
      ok: false,
      error: 'Only someone in the room or an admin may change its door.',
    })
    expect(ada.view().rooms.lobby?.name).toBe('Lobby')

    await marker(ada, root, 'after the refusals')
    expect(changes).toEqual([])
    expect(root.view().rooms.lobby?.name).toBe('Lobby')
    expect(Object.keys(root.view().rooms).sort()).toEqual(Object.keys(ada.view().rooms).sort())
    expect(ada.view().connection.state).toBe('online')
  })

  it('lets an admin rename a room, set a door from outside and delete an empty room; an occupied one stays', async () => {
    const { join } = await office()
    const root = await join('root', { role: 'admin' })
    const ada = await join('ada')

    expect(await root.execute({ type: 'renameRoom', roomId: 'lobby', name: 'Front Desk' })).toEqual({ ok: true })
    expect(await root.execute({ type: 'setDoor', roomId: 'kitchen', door: 'closed' })).toEqual({ ok: true })
    await waitFor('ada to see the new name and door', () => ada.view().rooms.lobby?.name === 'Front Desk' && ada.view().rooms.kitchen?.door === 'closed')
    expect(root.view().connection.state).toBe('online')

    // The rules would let an admin delete a room with people in it; the office does not.
    expect(await ada.execute({ type: 'enterRoom', roomId: 'focus' })).toEqual({ ok: true })
    await waitFor('root to see ada in focus', () => root.view().rooms.focus?.occupants.includes('ada'))
    expect(await root.execute({ type: 'deleteRoom', roomId: 'focus' })).toEqual({ ok: false, error: 'Focus Room is in use. Ask everyone to leave it first.' })
    expect(await root.execute({ type: 'deleteRoom', roomId: 'standup' })).toEqual({ ok: true })
    await waitFor('ada to see standup gone', () => ada.view().rooms.standup === undefined)
    expect(ada.view().rooms.focus?.name).toBe('Focus Room')
  })

  it('refuses a guest any write, and a member deleting someone else\'s message, with a message and nothing sent', async () => {
    const { join } = await office()
    const gus = await join('gus', { role: 'guest' })
    const ada = await join('ada')
    const bob = await join('bob')

    expect(await ada.execute({ type: 'postMessage', roomId: 'lobby', text: 'mine' })).toEqual({ ok: true })
    expect(await gus.execute({ type: 'setStatus', text: 'hi', emoji: '', until: null, dnd: false })).toEqual({ ok: false, error: 'Guests may not change the team.' })
    expect(await gus.execute({ type: 'postMessage', roomId: 'lobby', text: 'hello' })).toEqual({ ok: false, error: 'Guests may not post or change messages.' })
    expect(await bob.execute({ type: 'openDiscussion', roomId: 'lobby' })).toEqual({ ok: true })
    const message = await waitFor('bob to see ada\'s message', () => bob.view().discussions.lobby?.messages[0])
    expect(await bob.execute({ type: 'deleteMessage', roomId: 'lobby', messageId: message.id })).toEqual({
      ok: false,
      error: 'Only its author or an admin may delete a message.',
    })
    expect(await bob.execute({ type: 'postMessage', roomId: 'lobby', text: 'later' })).toEqual({ ok: true })

    // A guest cannot write a marker; its presence travels on the same socket, after the refused writes.
    expect(await gus.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await waitFor('ada to see gus walk in and bob\'s later post', () =>
      ada.view().rooms.lobby?.occupants.includes('gus') && ada.view().discussions.lobby?.messages.length === 2,
    )
    expect(ada.view().members.gus?.status).toBeNull()
    expect(ada.view().discussions.lobby?.messages.map((m) => m.text)).toEqual(['mine', 'later'])
    expect([gus, bob].map((core) => core.view().connection.state)).toEqual(['online', 'online'])
  })
})

describe('what the core asks the rules about', () => {
  /** Paths of the team document a transaction changed, as "root/key/field". */
  function writtenPaths(team: TeamDoc, write: () => void): string[] {
    const paths: string[] = []
    const roots = ['meta', 'rooms', 'members', 'statuses'].map((name) => [name, team.doc.getMap(name)] as const)
    const observers = roots.map(([name, map]) => {
      const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        for (const event of events) for (const key of event.changes.keys.keys()) paths.push([name, ...event.path, key].join('/'))
      }
      map.observeDeep(observer)
      return () => map.unobserveDeep(observer)
    })
    write()
    observers.forEach((stop) => stop())
    return paths.sort()
  }

  const commands: DocumentCommand[] = [
    { type: 'createRoom', name: 'Side', kind: 'focus', capacity: 3 },
    { type: 'renameRoom', roomId: 'lobby', name: 'Hall' },
    { type: 'createRoom', name: 'Upstairs', kind: 'open', floor: 'Floor 2' },
    { type: 'setRoomFloor', roomId: 'lobby', floor: 'Floor 2' },
    { type: 'renameFloor', from: DEFAULT_FLOOR, to: 'Ground' },
    { type: 'setDoor', roomId: 'kitchen', door: 'locked' },
    { type: 'setDoor', roomId: 'kitchen', door: 'closed' },
    { type: 'setRoomKind', roomId: 'standup', kind: 'open' },
    { type: 'setCapacity', roomId: 'standup', capacity: 5 },
    { type: 'reorderRooms', roomIds: ['focus', 'lobby'] },
    { type: 'deleteRoom', roomId: 'focus' },
    { type: 'updateProfile', patch: { title: 'CTO', timezone: 'Europe/Paris' } },
    { type: 'setStatus', text: 'Lunch', emoji: 'emoji:coffee', until: null, dnd: true },
    { type: 'clearStatus' },
  ]

  it.each(commands.map((command) => [command.type, command] as const))('%s writes only paths the core checked first', (_type, command) => {
    const team = new TeamDoc(new Y.Doc())
    team.initialise('Acme', 1)
    for (const { id, ...fields } of DEFAULT_ROOMS) team.addRoom(id, fields)
    team.ensureMember('root', { name: 'Root', role: 'admin' })
    mapAt(team.statuses, 'root')!.set('text', 'Busy')
    const me = { ...initialPresence('root', 'Root', 'bot'), room: 'kitchen' }
    const rooms = Object.fromEntries(team.roomIds().map((id) => [id, { occupants: id === 'kitchen' ? ['root'] : [] }]))
    const office = { rooms } as unknown as OfficeView
    const context = { me, office, writer: { userId: 'root', role: 'admin', inRoom: 'kitchen' } as const, newId: () => 'new-room' }

    const checked = teamWritesOf(command, { userId: 'root', newRoomId: 'new-room', occupants: (id) => rooms[id]?.occupants ?? [], roomsOnFloor: (floor) => roomsOnFloor(team, floor) }).map((op) => op.path.join('/'))
    const written = writtenPaths(team, () => runDocumentCommand(team, command, context))
    expect(written.length).toBeGreaterThan(0)
    for (const path of written) expect(checked).toContain(path)
  })
})
