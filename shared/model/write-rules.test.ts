import { describe, expect, it } from 'vitest'
import { checkDiscussionWrite, checkTeamWrite, type TeamRuleContext, type WriteValue, type Writer } from './write-rules'

const ada: Writer = { userId: 'ada', role: 'member', inRoom: null }
const admin: Writer = { userId: 'root', role: 'admin', inRoom: null }
const guest: Writer = { userId: 'gus', role: 'guest', inRoom: null }
const closed: TeamRuleContext = { membersManageRooms: false, roomOccupied: (id) => id === 'busy', roomExists: (id) => id !== 'gone' }
const open: TeamRuleContext = { ...closed, membersManageRooms: true }
const value = (v: unknown): WriteValue => ({ kind: 'value', value: v })
const map: WriteValue = { kind: 'map' }

describe('team document rules', () => {
  it('refuses every client write to meta, even an admin', () => {
    expect(checkTeamWrite({ action: 'set', path: ['meta', 'name'], value: value('x') }, admin, closed)).toEqual({
      ok: false,
      path: 'meta/name',
      reason: 'team settings are written by the server only',
    })
    expect(checkTeamWrite({ action: 'set', path: ['meta', 'membersManageRooms'], value: value(true) }, admin, closed).ok).toBe(false)
  })

  it('lets a member edit their own profile and status only', () => {
    expect(checkTeamWrite({ action: 'set', path: ['members', 'ada', 'title'], value: value('CTO') }, ada, closed)).toEqual({ ok: true })
    expect(checkTeamWrite({ action: 'set', path: ['statuses', 'ada', 'dnd'], value: value(true) }, ada, closed)).toEqual({ ok: true })
    expect(checkTeamWrite({ action: 'set', path: ['members', 'bob', 'name'], value: value('Mallory') }, ada, closed)).toMatchObject({ ok: false, path: 'members/bob/name' })
    expect(checkTeamWrite({ action: 'set', path: ['statuses', 'bob', 'text'], value: value('fired') }, ada, closed)).toMatchObject({ ok: false, reason: "only its owner may change a member's status" })
    expect(checkTeamWrite({ action: 'set', path: ['members', 'bob', 'name'], value: value('Bob') }, admin, closed).ok).toBe(false)
  })

  it('lets only the member set a photo avatar, and only as photo:<sha256>', () => {
    const photo = `photo:${'c3'.repeat(32)}`
    expect(checkTeamWrite({ action: 'set', path: ['members', 'ada', 'avatar'], value: value(photo) }, ada, closed)).toEqual({ ok: true })
    expect(checkTeamWrite({ action: 'set', path: ['members', 'bob', 'avatar'], value: value(photo) }, ada, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'set', path: ['members', 'bob', 'avatar'], value: value(photo) }, admin, closed).ok).toBe(false)
    for (const bad of ['photo:https://evil.test/x.png', 'img:abc', `photo:${'C3'.repeat(32)}`]) {
      expect(checkTeamWrite({ action: 'set', path: ['members', 'ada', 'avatar'], value: value(bad) }, ada, closed).ok, bad).toBe(false)
    }
  })

  it('refuses any client write to a discussion summary, even an admin: the server derives it from real posts', () => {
    const forged = value({ seq: 99, at: 1, author: 'bob', mentions: [{ to: 'ada', by: 'bob', seq: 99, at: 1 }] })
    for (const writer of [ada, admin]) {
      expect(checkTeamWrite({ action: 'set', path: ['discussions', 'kitchen'], value: forged }, writer, closed)).toEqual({
        ok: false,
        path: 'discussions/kitchen',
        reason: 'discussion summaries are written by the server only',
      })
      expect(checkTeamWrite({ action: 'delete', path: ['discussions', 'kitchen'] }, writer, closed).ok).toBe(false)
    }
  })

  it('refuses every write under reads, even to my own marker: read markers are kept on each device', () => {
    for (const path of [['reads'], ['reads', 'ada'], ['reads', 'ada', 'kitchen']]) {
      for (const writer of [ada, admin]) {
        expect(checkTeamWrite({ action: 'set', path, value: path.length === 3 ? value(7) : map }, writer, closed)).toMatchObject({ ok: false, reason: 'unknown key' })
        expect(checkTeamWrite({ action: 'delete', path }, writer, closed).ok).toBe(false)
      }
    }
  })

  it('leaves roles to admins and member maps to the server', () => {
    expect(checkTeamWrite({ action: 'set', path: ['members', 'ada', 'role'], value: value('admin') }, ada, closed)).toMatchObject({ ok: false, reason: 'only admins may change roles' })
    expect(checkTeamWrite({ action: 'set', path: ['members', 'ada', 'role'], value: value('admin') }, admin, closed)).toEqual({ ok: true })
    expect(checkTeamWrite({ action: 'set', path: ['members', 'ada', 'role'], value: value('owner') }, admin, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'set', path: ['members', 'eve'], value: map }, admin, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'delete', path: ['members', 'bob'] }, admin, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'set', path: ['statuses', 'ada'], value: map }, ada, closed).ok).toBe(false)
  })

  it('refuses wrong types, bad enums, over-long values and unknown keys', () => {
    expect(checkTeamWrite({ action: 'set', path: ['rooms', 'x'], value: value('boom') }, admin, closed)).toMatchObject({ ok: false, path: 'rooms/x' })
    expect(checkTeamWrite({ action: 'set', path: ['members', 'ada', 'name'], value: value(42) }, ada, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'set', path: ['members', 'ada', 'name'], value: map }, ada, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'set', path: ['members', 'ada', 'title'], value: value('x'.repeat(81)) }, ada, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'set', path: ['rooms', 'lobby', 'door'], value: value('ajar') }, admin, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'set', path: ['rooms', 'lobby', 'paint'], value: value('red') }, admin, closed)).toMatchObject({ ok: false, reason: 'unknown key' })
    expect(checkTeamWrite({ action: 'set', path: ['members', 'ada', 'isAdmin'], value: value(true) }, ada, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'set', path: ['cheats'], value: map }, admin, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'insert', path: ['rooms'], value: map }, admin, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'set', path: ['rooms', 'lobby', 'name', 'deeper'], value: value('x') }, admin, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'set', path: ['rooms', 'lobby', 'capacity'], value: { kind: 'other', what: 'a text' } }, admin, closed).ok).toBe(false)
  })

  it('lets admins manage rooms, members only when the team allows, guests never', () => {
    const rename = { action: 'set', path: ['rooms', 'lobby', 'name'], value: value('Hall') } as const
    expect(checkTeamWrite(rename, admin, closed)).toEqual({ ok: true })
    expect(checkTeamWrite(rename, ada, closed)).toEqual({ ok: false, path: 'rooms/lobby/name', reason: 'only admins may rename rooms' })
    expect(checkTeamWrite(rename, ada, open)).toEqual({ ok: true })
    expect(checkTeamWrite(rename, guest, open).ok).toBe(false)
    expect(checkTeamWrite({ action: 'set', path: ['rooms', 'new'], value: map }, ada, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'set', path: ['rooms', 'new'], value: map }, ada, open)).toEqual({ ok: true })
    expect(checkTeamWrite({ action: 'set', path: ['rooms', 'new', 'door'], value: value('open'), newParent: true }, ada, open)).toEqual({ ok: true })
    expect(checkTeamWrite({ action: 'set', path: ['rooms', 'bad id!'], value: map }, admin, closed).ok).toBe(false)
  })

  it('deletes a room with people in it for admins only, whatever the setting', () => {
    expect(checkTeamWrite({ action: 'delete', path: ['rooms', 'idle'] }, ada, open)).toEqual({ ok: true })
    expect(checkTeamWrite({ action: 'delete', path: ['rooms', 'busy'] }, ada, open)).toMatchObject({ ok: false, reason: 'only admins may delete a room with people in it' })
    expect(checkTeamWrite({ action: 'delete', path: ['rooms', 'busy'] }, admin, closed)).toEqual({ ok: true })
    expect(checkTeamWrite({ action: 'delete', path: ['rooms', 'idle'] }, ada, closed).ok).toBe(false)
  })

  it('lets someone in the room, or an admin, change its door', () => {
    const lock = { action: 'set', path: ['rooms', 'focus', 'door'], value: value('locked') } as const
    expect(checkTeamWrite(lock, ada, closed).ok).toBe(false)
    expect(checkTeamWrite(lock, { ...ada, inRoom: 'kitchen' }, open).ok).toBe(false)
    expect(checkTeamWrite(lock, { ...ada, inRoom: 'focus' }, closed)).toEqual({ ok: true })
    expect(checkTeamWrite(lock, admin, closed)).toEqual({ ok: true })
    expect(checkTeamWrite({ action: 'set', path: ['rooms', 'focus', 'insiders'], value: value(['ada']) }, { ...ada, inRoom: 'focus' }, closed)).toEqual({ ok: true })
    expect(checkTeamWrite({ action: 'set', path: ['rooms', 'focus', 'insiders'], value: value([1]) }, { ...ada, inRoom: 'focus' }, closed).ok).toBe(false)
    expect(checkTeamWrite({ action: 'delete', path: ['rooms', 'focus', 'door'] }, admin, closed).ok).toBe(false)
  })
})

describe('discussion rules', () => {
  const field = (key: string, v: unknown, newParent = false) => ({ action: 'set', path: ['messages', 'm1', key], value: value(v), newParent }) as const

  it('posts a message only as its writer', () => {
    expect(checkDiscussionWrite({ action: 'insert', path: ['messages'], value: map }, ada, null)).toEqual({ ok: true })
    expect(checkDiscussionWrite(field('author', 'ada', true), ada, null)).toEqual({ ok: true })
    expect(checkDiscussionWrite(field('author', 'bob', true), ada, null)).toMatchObject({ ok: false, path: 'messages/m1/author', reason: 'a message is posted by its writer only' })
    expect(checkDiscussionWrite(field('text', 'hi', true), ada, null)).toEqual({ ok: true })
    expect(checkDiscussionWrite(field('text', 7, true), ada, null).ok).toBe(false)
    expect(checkDiscussionWrite({ action: 'insert', path: ['messages'], value: value('a string') }, ada, null).ok).toBe(false)
    expect(checkDiscussionWrite({ action: 'insert', path: ['messages'], value: map }, guest, null).ok).toBe(false)
  })

  it("edits one's own message text, never its author, id or time", () => {
    const own = { author: 'ada' }
    expect(checkDiscussionWrite(field('text', 'edited'), ada, own)).toEqual({ ok: true })
    expect(checkDiscussionWrite(field('edited', 5), ada, own)).toEqual({ ok: true })
    expect(checkDiscussionWrite(field('text', 'hijack'), ada, { author: 'bob' })).toMatchObject({ ok: false, reason: 'only its author may edit a message' })
    expect(checkDiscussionWrite(field('author', 'ada'), ada, { author: 'bob' }).ok).toBe(false)
    expect(checkDiscussionWrite(field('at', 1), ada, own).ok).toBe(false)
    expect(checkDiscussionWrite(field('colour', 'red'), ada, own)).toMatchObject({ ok: false, reason: 'unknown key' })
  })

  it('takes mentions at posting only: a bounded list of ids, never changed later', () => {
    expect(checkDiscussionWrite(field('mentions', ['bob', 'cy'], true), ada, null)).toEqual({ ok: true })
    expect(checkDiscussionWrite(field('mentions', Array.from({ length: 21 }, (_, i) => `m${i}`), true), ada, null).ok).toBe(false)
    expect(checkDiscussionWrite(field('mentions', ['not an id!'], true), ada, null).ok).toBe(false)
    expect(checkDiscussionWrite(field('mentions', ['bob'], false), ada, { author: 'ada' })).toMatchObject({ ok: false, reason: "a message's mentions does not change after posting" })
  })

  it('deletes own messages; admins delete any', () => {
    const remove = { action: 'remove', path: ['messages'] } as const
    expect(checkDiscussionWrite(remove, ada, { author: 'ada' })).toEqual({ ok: true })
    expect(checkDiscussionWrite(remove, ada, { author: 'bob' })).toMatchObject({ ok: false, reason: 'only its author or an admin may delete a message' })
    expect(checkDiscussionWrite(remove, admin, { author: 'bob' })).toEqual({ ok: true })
    expect(checkDiscussionWrite({ action: 'set', path: ['other'], value: map }, admin, null).ok).toBe(false)
  })
})
