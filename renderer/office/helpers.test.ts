import { describe, expect, it } from 'vitest'
import type { MemberView } from '../../shared/contract/view'
import { startsGroup } from './discussion/message-groups'
import { linkify, safeImage } from './linkify'
import { callSpeech, linkLabel, memberDetails, presenceSpeech } from './member-details'
import { moveRoom } from './room-order'
import { localTime, messageTime } from './time-format'

describe('room order', () => {
  it('swaps a room with its neighbour, and stays put at the ends', () => {
    expect(moveRoom(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c'])
    expect(moveRoom(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b'])
    expect(moveRoom(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c'])
    expect(moveRoom(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c'])
    expect(moveRoom(['a'], 'x', 1)).toEqual(['a'])
  })
})

describe('message text', () => {
  it('finds links and leaves trailing punctuation as text', () => {
    expect(linkify('See https://example.com/a?b=1, then (http://x.io).')).toEqual([
      { text: 'See ' },
      { url: 'https://example.com/a?b=1' },
      { text: ', then (' },
      { url: 'http://x.io' },
      { text: ').' },
    ])
    expect(linkify('no links')).toEqual([{ text: 'no links' }])
    expect(linkify('')).toEqual([])
  })

  it('shows preview images only over https', () => {
    expect(safeImage('https://cdn.example.com/a.png')).toBe('https://cdn.example.com/a.png')
    expect(safeImage('http://cdn.example.com/a.png')).toBeNull()
    expect(safeImage('javascript:alert(1)')).toBeNull()
    expect(safeImage('not a url')).toBeNull()
    expect(safeImage(null)).toBeNull()
  })

  it('groups messages by one author within five minutes', () => {
    const m = (author: string, minute: number) => ({ author, at: minute * 60_000 })
    expect(startsGroup(undefined, m('ada', 0))).toBe(true)
    expect(startsGroup(m('ada', 0), m('ada', 4))).toBe(false)
    expect(startsGroup(m('ada', 0), m('ada', 6))).toBe(true)
    expect(startsGroup(m('ada', 0), m('bob', 1))).toBe(true)
  })
})

describe('times', () => {
  const now = new Date(2025, 4, 15, 18, 0).getTime()
  it('shows a message time today, with the date before', () => {
    expect(messageTime(new Date(2025, 4, 15, 9, 5).getTime(), now, 'en-GB')).toBe('09:05')
    expect(messageTime(new Date(2025, 2, 3, 14, 5).getTime(), now, 'en-GB')).toBe('3 Mar, 14:05')
  })

  it('shows a member\'s local time, or nothing for an unknown zone', () => {
    expect(localTime('UTC', Date.UTC(2025, 0, 1, 13, 7), 'en-GB')).toBe('13:07')
    expect(localTime('Not/AZone', now)).toBeNull()
    expect(localTime('', now)).toBeNull()
  })
})

describe('member details', () => {
  const member = (extra: Partial<MemberView>) =>
    ({ id: 'ada', name: 'Ada', online: true, idle: false, title: '', timezone: '', status: null, ...extra }) as MemberView

  it('says title and local time', () => {
    expect(memberDetails(member({ title: 'Engineer', timezone: 'UTC' }), Date.UTC(2025, 0, 1, 13, 7), 'en-GB')).toBe('Engineer · 13:07 local time')
    expect(memberDetails(member({}), 0)).toBe('')
  })

  it('tells screen readers about status, do-not-disturb and away', () => {
    const status = { emoji: '🎧', text: 'Focusing', until: null, dnd: true }
    expect(presenceSpeech(member({ status, idle: true }), 0)).toBe('Status: 🎧 Focusing. Do not disturb. Away.')
    expect(presenceSpeech(member({ idle: true, online: false }), 0)).toBe('')
  })

  it('tells screen readers who speaks in my call and whose link is weak', () => {
    expect(callSpeech({ speaking: true, quality: 'good' })).toBe('Speaking. Good connection.')
    expect(callSpeech({ speaking: false, quality: 'poor' })).toBe('Poor connection.')
    expect(callSpeech({ speaking: false, quality: 'unknown' })).toBe('')
    expect(callSpeech(undefined)).toBe('')
    expect(linkLabel('lost')).toBe('Connection lost')
  })
})
