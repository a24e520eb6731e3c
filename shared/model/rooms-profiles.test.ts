import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Discussion, firstLink } from './discussion'
import { ModelError } from './errors'
import { migrate, schemaVersionOf } from './migrations'
import { clearStatus, readStatus, setStatus, updateProfile } from './profiles'
import { createRoom, deleteRoom, renameRoom, reorderRooms, setRoomField } from './rooms'
import { SCHEMA_VERSION } from './schema'
import { TeamDoc } from './team-doc'

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('rooms', () => {
  it('creates, renames, reorders and deletes with validation', () => {
    const team = new TeamDoc(new Y.Doc())
    createRoom(team, 'a', { name: 'A', kind: 'open', door: 'open', capacity: 0 })
    createRoom(team, 'b', { name: 'B', kind: 'focus', door: 'open', capacity: 3 })
    expect(team.room('b')!.order).toBe(1)
    renameRoom(team, 'a', '  Atrium ')
    expect(team.room('a')!.name).toBe('Atrium')
    expect(() => renameRoom(team, 'a', '')).toThrow(/needs a name/)
    expect(() => renameRoom(team, 'a', 'x'.repeat(61))).toThrow(/at most 60/)
    expect(() => setRoomField(team, 'a', 'door', 'ajar')).toThrow()
    expect(() => setRoomField(team, 'a', 'capacity', -1)).toThrow()
    reorderRooms(team, ['b', 'a'])
    expect([team.room('b')!.order, team.room('a')!.order]).toEqual([0, 1])
    expect(() => reorderRooms(team, ['b', 'ghost'])).toThrow(ModelError)
    expect(team.room('b')!.order).toBe(0)
    deleteRoom(team, 'a')
    expect(team.roomIds()).toEqual(['b'])
    expect(() => renameRoom(team, 'a', 'Back')).toThrow(/no longer exists/)
  })

  it('keeps concurrent edits of different fields of one room', () => {
    const a = new TeamDoc(new Y.Doc())
    createRoom(a, 'r', { name: 'R', kind: 'open', door: 'open', capacity: 0 })
    const b = new TeamDoc(new Y.Doc())
    sync(a.doc, b.doc)
    renameRoom(a, 'r', 'Renamed')
    setRoomField(b, 'r', 'door', 'closed')
    sync(a.doc, b.doc)
    expect(a.room('r')).toMatchObject({ name: 'Renamed', door: 'closed' })
    expect(b.room('r')).toEqual(a.room('r'))
  })
})

describe('profiles and statuses', () => {
  it('updates only the given profile fields and refuses bad values', () => {
    const team = new TeamDoc(new Y.Doc())
    team.ensureMember('u', { name: 'Ada' })
    updateProfile(team, 'u', { title: 'CTO', avatar: 'sprite:3' })
    expect(team.member('u')).toMatchObject({ name: 'Ada', title: 'CTO', avatar: 'sprite:3' })
    expect(() => updateProfile(team, 'u', { avatar: 'sprite:999' })).toThrow()
    expect(() => updateProfile(team, 'u', { avatar: 'javascript:alert(1)' })).toThrow()
    expect(() => updateProfile(team, 'nobody', { title: 'x' })).toThrow(/not in this team/)
  })

  it('takes a photo avatar only as photo:<64 lowercase hex>, the sha256 the server stores it under', () => {
    const team = new TeamDoc(new Y.Doc())
    team.ensureMember('u', { name: 'Ada' })
    const sha256 = 'ab'.repeat(32)
    updateProfile(team, 'u', { avatar: `photo:${sha256}` })
    expect(team.member('u')?.avatar).toBe(`photo:${sha256}`)
    for (const bad of [`photo:${sha256.toUpperCase()}`, `photo:${sha256}0`, 'photo:../../etc', 'img:abc', `photo:${sha256.slice(1)}`]) {
      expect(() => updateProfile(team, 'u', { avatar: bad }), bad).toThrow()
    }
    expect(team.member('u')?.avatar).toBe(`photo:${sha256}`)
  })

  it('shows a status until it expires, and concurrent status fields merge', () => {
    const a = new TeamDoc(new Y.Doc())
    expect(() => setStatus(a, 'u', { text: 'x', emoji: '', until: null, dnd: false })).toThrow(/not in this team/)
    a.ensureMember('u', { name: 'U' })
    setStatus(a, 'u', { text: 'Lunch', emoji: 'emoji:lunch', until: 5_000, dnd: false })
    expect(readStatus(a, 'u', 4_999)).toMatchObject({ text: 'Lunch' })
    expect(readStatus(a, 'u', 5_000)).toBeNull()
    const b = new TeamDoc(new Y.Doc())
    sync(a.doc, b.doc)
    setStatus(a, 'u', { text: 'Deep work', emoji: 'emoji:lunch', until: null, dnd: false })
    setStatus(b, 'u', { text: 'Lunch', emoji: 'emoji:lunch', until: 5_000, dnd: true })
    sync(a.doc, b.doc)
    expect(readStatus(a, 'u', 0)).toEqual({ text: 'Deep work', emoji: 'emoji:lunch', until: null, dnd: true })
    clearStatus(a, 'u')
    expect(readStatus(a, 'u', 0)).toBeNull()
  })
})

describe('migrations', () => {
  it('brings an old document up to date once and refuses a newer one', () => {
    const team = new TeamDoc(new Y.Doc())
    const legacy = new Y.Map<unknown>()
    team.rooms.set('old', legacy)
    legacy.set('name', 'Old')
    expect(schemaVersionOf(team)).toBe(0)
    expect(migrate(team)).toEqual({ from: 0, to: SCHEMA_VERSION })
    expect(team.room('old')!.order).toBe(0)
    expect(migrate(team)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION })
    team.meta.set('schemaVersion', SCHEMA_VERSION + 1)
    expect(() => migrate(team)).toThrow(/newer Hallway/)
  })
})

describe('discussion', () => {
  it('posts, edits and deletes only your own messages', () => {
    const chat = new Discussion(new Y.Doc())
    chat.post('m1', 'ada', 'Hello https://example.com/x).', 1)
    chat.post('m2', 'bob', 'Hi', 2)
    expect(() => chat.post('m3', 'ada', '   ', 3)).toThrow(/Write something/)
    expect(() => chat.edit('m2', 'ada', 'hijack', 3)).toThrow(/your own/)
    chat.edit('m1', 'ada', 'Hello again', 4)
    chat.remove('m2', 'bob')
    expect(chat.list()).toEqual([{ id: 'm1', author: 'ada', text: 'Hello again', at: 1, edited: 4, preview: null, mentions: [] }])
    expect(() => chat.remove('m2', 'bob')).toThrow(/deleted/)
    chat.attachPreview('m1', 'ada', { url: 'https://example.com/x', title: 'X', description: '', image: null, site: 'example' })
    expect(chat.list()[0]!.preview?.title).toBe('X')
  })

  it('finds the first link without trailing punctuation', () => {
    expect(firstLink('see https://example.com/a?b=1), ok')).toBe('https://example.com/a?b=1')
    expect(firstLink('no links here')).toBeNull()
  })
})
