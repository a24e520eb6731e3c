import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Limits } from './limits'
import { readStatus, setStatus } from './profiles'
import { STATUS_EMOJI, isWritableStatusEmoji, readStatusEmoji, statusEmojiValue } from './status-emoji'
import { TeamDoc } from './team-doc'
import { mapAt } from './doc-read'

describe('status emoji', () => {
  it('every shipped symbol has a distinct id and label, and its stored value fits the limit older readers enforce', () => {
    expect(STATUS_EMOJI.length).toBeGreaterThanOrEqual(24)
    expect(new Set(STATUS_EMOJI.map((e) => e.id)).size).toBe(STATUS_EMOJI.length)
    expect(new Set(STATUS_EMOJI.map((e) => e.label)).size).toBe(STATUS_EMOJI.length)
    for (const { id } of STATUS_EMOJI) expect(statusEmojiValue(id).length).toBeLessThanOrEqual(Limits.statusEmoji)
  })

  it('reads a shipped id as its image, legacy free text as text, and an unknown id or none as nothing', () => {
    expect(readStatusEmoji('emoji:coffee')).toEqual({ kind: 'image', id: 'coffee', label: 'Coffee' })
    expect(readStatusEmoji('🎧')).toEqual({ kind: 'text', text: '🎧' })
    expect(readStatusEmoji(':)')).toEqual({ kind: 'text', text: ':)' })
    expect(readStatusEmoji('emoji:unicorn')).toBeNull()
    expect(readStatusEmoji('')).toBeNull()
  })

  it('a status is written with a shipped symbol or none; free text and unknown ids are refused, and nothing is written', () => {
    const team = new TeamDoc(new Y.Doc())
    team.ensureMember('ada', { name: 'Ada' })
    expect(isWritableStatusEmoji('')).toBe(true)
    setStatus(team, 'ada', { text: 'Break', emoji: 'emoji:coffee', until: null, dnd: false })
    expect(() => setStatus(team, 'ada', { text: 'Focusing', emoji: '🎧', until: null, dnd: false })).toThrow(/Pick a status emoji/)
    expect(() => setStatus(team, 'ada', { text: 'Focusing', emoji: 'emoji:unicorn', until: null, dnd: false })).toThrow(/Pick a status emoji/)
    expect(readStatus(team, 'ada', 0)).toEqual({ text: 'Break', emoji: 'emoji:coffee', until: null, dnd: false })
  })

  it('a legacy status with free-text emoji, written before the picker, still reads whole', () => {
    const team = new TeamDoc(new Y.Doc())
    team.ensureMember('bob', { name: 'Bob' })
    const stored = mapAt(team.statuses, 'bob')!
    stored.set('text', 'On a train')
    stored.set('emoji', '🚆')
    expect(readStatus(team, 'bob', 0)).toEqual({ text: 'On a train', emoji: '🚆', until: null, dnd: false })
  })
})
