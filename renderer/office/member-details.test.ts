import { describe, expect, it } from 'vitest'
import type { MemberView } from '../../shared/contract/view'
import { callSpeech, faceDescription, linkLabel, mediaSpeech, memberDetails, presenceSpeech } from './member-details'

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
    expect(presenceSpeech(member({ status: { emoji: 'emoji:coffee', text: 'Back in 10', until: null, dnd: false } }), 0)).toBe('Status: Coffee, Back in 10.')
  })

  it('tells screen readers who speaks in my call and whose link is weak', () => {
    expect(callSpeech({ speaking: true, quality: 'good' })).toBe('Speaking. Good connection.')
    expect(callSpeech({ speaking: false, quality: 'poor' })).toBe('Poor connection.')
    expect(callSpeech({ speaking: false, quality: 'unknown' })).toBe('')
    expect(callSpeech(undefined)).toBe('')
    expect(linkLabel('lost')).toBe('Connection lost')
  })

  it("says a face's media, status and call marks in one description, and no media for someone offline", () => {
    const status = { emoji: '', text: 'Deep work', until: null, dnd: false }
    const ada = member({ title: 'Engineer', mic: true, cam: true, screen: true, status })
    expect(mediaSpeech(ada)).toBe('Sharing their screen. Camera on. Mic on.')
    expect(faceDescription(ada, 0, { speaking: true, quality: 'unknown' })).toBe('Engineer. Sharing their screen. Camera on. Mic on. Status: Deep work. Speaking.')
    expect(faceDescription(member({ mic: false, idle: true }), 0)).toBe('Muted. Away.')
    expect(faceDescription(member({ online: false, mic: true }), 0)).toBe('')
  })
})
