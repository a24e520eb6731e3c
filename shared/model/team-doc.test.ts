import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { mapAt } from './doc-read'
import { TeamDoc } from './team-doc'
import { AVATAR_SPRITE_COUNT, DEFAULT_FLOOR, defaultAvatarFor, readAvatar, spriteIndexOf } from './schema'

function syncBoth(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('TeamDoc', () => {
  it('stores rooms field by field and reads them back', () => {
    const team = new TeamDoc(new Y.Doc())
    team.initialise('Acme', 1)
    team.addRoom('r1', { name: 'Kitchen', kind: 'open', door: 'open', capacity: 0, order: 2 })
    expect(team.teamName()).toBe('Acme')
    expect(team.room('r1')).toEqual({ name: 'Kitchen', kind: 'open', door: 'open', capacity: 0, order: 2, floor: DEFAULT_FLOOR })
    expect(mapAt(team.rooms, 'r1')!.get('name')).toBe('Kitchen')
    expect(() => team.addRoom('r1', { name: 'Again', kind: 'open', door: 'open', capacity: 0, order: 0 })).toThrow(/already exists/)
  })

  it('tolerates foreign values written by another version', () => {
    const team = new TeamDoc(new Y.Doc())
    const map = new Y.Map<unknown>()
    team.rooms.set('odd', map)
    map.set('kind', 'ballroom')
    map.set('capacity', 'lots')
    expect(team.room('odd')).toEqual({ name: 'Untitled room', kind: 'open', door: 'open', capacity: 0, order: 0, floor: DEFAULT_FLOOR })
  })

  it('creates a member map once and keeps concurrent field edits from both sides', () => {
    const a = new TeamDoc(new Y.Doc())
    expect(a.ensureMember('u1', { name: 'Ada' })).toBe(true)
    expect(a.ensureMember('u1', { name: 'Other' })).toBe(false)
    const b = new TeamDoc(new Y.Doc())
    syncBoth(a.doc, b.doc)
    mapAt(a.members, 'u1')!.set('title', 'Engineer')
    mapAt(b.members, 'u1')!.set('timezone', 'Europe/Paris')
    syncBoth(a.doc, b.doc)
    expect(a.member('u1')).toEqual(b.member('u1'))
    expect(a.member('u1')).toMatchObject({ name: 'Ada', title: 'Engineer', timezone: 'Europe/Paris', role: 'member' })
  })
})

describe('avatars', () => {
  it('gives every user a stable sprite inside the atlas', () => {
    const seen = new Set<number>()
    for (let i = 0; i < 500; i++) {
      const index = spriteIndexOf(defaultAvatarFor(`user-${i}`))
      expect(index).not.toBeNull()
      seen.add(index!)
    }
    expect(defaultAvatarFor('ada')).toBe(defaultAvatarFor('ada'))
    expect(seen.size).toBeGreaterThan(AVATAR_SPRITE_COUNT * 0.8)
    expect(spriteIndexOf(`sprite:${AVATAR_SPRITE_COUNT}`)).toBeNull()
    expect(spriteIndexOf('https://example.test/a.png')).toBeNull()
  })

  it('reads every avatar value as a sprite or a photo: anything else is the member’s own default sprite', () => {
    const sha256 = '0f'.repeat(32)
    expect(readAvatar(`photo:${sha256}`, 'ada')).toEqual({ kind: 'photo', sha256 })
    expect(readAvatar('sprite:5', 'ada')).toEqual({ kind: 'sprite', index: 5 })
    const fallback = { kind: 'sprite', index: spriteIndexOf(defaultAvatarFor('ada')) }
    for (const foreign of ['', 'sprite:999', 'img:abc', `photo:${sha256.toUpperCase()}`, 'https://example.test/a.png', `photo:${sha256} `]) {
      expect(readAvatar(foreign, 'ada'), foreign).toEqual(fallback)
    }
  })
})
