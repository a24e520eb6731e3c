import { describe, expect, it } from 'vitest'
import type { OfficeView, RoomView } from '../../../shared/contract/view'
import { freshNews } from './office-news'

const everything = { knocks: true, invitations: true, mentions: true }
const room = (id: string, extra: Partial<RoomView> = {}) => ({ id, name: id === 'k' ? 'Kitchen' : 'Lounge', occupants: [], knocks: [], ...extra }) as unknown as RoomView

function office(knocks: RoomView['knocks'], pulls: OfficeView['me']['pulls'], myRoom: string | null = 'k', mentions: OfficeView['me']['mentions'] = []): OfficeView {
  return {
    rooms: { k: room('k', { knocks }), l: room('l') },
    members: { bob: { name: 'Bob Kahn' }, cy: { name: 'Cy Young' } },
    me: { userId: 'ada', room: myRoom, pulls, mentions },
  } as unknown as OfficeView
}

describe('freshNews', () => {
  it('tells a knock on my room and an invitation once each, then only what is new', () => {
    const seen = new Set<string>()
    expect(freshNews(office([{ user: 'bob', at: 1 }], [{ from: 'cy', room: 'l', at: 2 }]), seen, everything)).toEqual([
      { kind: 'knocks', tag: 'knock:k:bob:1', title: 'Bob Kahn is knocking', body: 'Let them into Kitchen?' },
      { kind: 'invitations', tag: 'pull:cy@2', title: 'Cy Young invites you', body: 'Join them in Lounge?' },
    ])
    expect(freshNews(office([{ user: 'bob', at: 1 }], [{ from: 'cy', room: 'l', at: 2 }]), seen, everything)).toEqual([])
    // Bob knocks again after his first knock lapsed: that is news again.
    expect(freshNews(office([{ user: 'bob', at: 9 }], [{ from: 'cy', room: 'l', at: 2 }]), seen, everything).map((news) => news.tag)).toEqual(['knock:k:bob:9'])
  })

  it('leaves out the kinds this device turned off, and never tells them later', () => {
    const seen = new Set<string>()
    const view = office([{ user: 'bob', at: 1 }], [{ from: 'cy', room: 'l', at: 2 }])
    expect(freshNews(view, seen, { ...everything, knocks: false }).map((news) => news.kind)).toEqual(['invitations'])
    expect(freshNews(view, seen, everything)).toEqual([])
  })

  it('says nothing of an invitation into the room I am in already', () => {
    expect(freshNews(office([], [{ from: 'cy', room: 'k', at: 2 }]), new Set(), everything)).toEqual([])
  })

  it('tells a mention of me once, as long as it is unread; a later mention in the same room is news again', () => {
    const seen = new Set<string>()
    const mention = (seq: number) => ({ room: 'l', by: 'bob', seq, at: seq })
    expect(freshNews(office([], [], 'k', [mention(3)]), seen, everything)).toEqual([
      { kind: 'mentions', tag: 'mention:l:3', title: 'Bob Kahn mentioned you', body: 'In the Lounge discussion.' },
    ])
    expect(freshNews(office([], [], 'k', [mention(3)]), seen, everything)).toEqual([])
    expect(freshNews(office([], [], 'k', [mention(3), mention(5)]), seen, everything).map((news) => news.tag)).toEqual(['mention:l:5'])
    expect(freshNews(office([], [], 'k', [mention(7)]), seen, { ...everything, mentions: false })).toEqual([])
  })
})
