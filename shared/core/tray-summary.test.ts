import { describe, expect, it } from 'vitest'
import { TRAY_MAX_ROOMS, traySummarySchema } from '../contract/tray'
import type { OfficeView } from '../contract/view'
import { traySummary } from './tray-summary'

describe('traySummary', () => {
  it('lists rooms in order with occupant names, capped, my state, who knocks, oldest first, and the invitations the office would offer', () => {
    const member = (id: string, name: string) => ({
      id, name, avatar: 'sprite:0', online: true, room: 'b', mic: false, cam: false, screen: false, idle: false, title: '', timezone: '', status: null,
    })
    const view: OfficeView = {
      team: { id: 't', name: 'T' },
      me: {
        userId: 'u1', room: 'b', mic: true, cam: false, screen: false, holdsMedia: true, managesRooms: false, callElsewhere: null, knock: null, pull: null, lastAnswer: null,
        // A mention in a room deleted since has nowhere to take me.
        mentions: [{ room: 'a', by: 'u2', seq: 4, at: 11 }, { room: 'gone', by: 'u3', seq: 1, at: 12 }],
        // Cy's newer invitation replaces the older; Bo's is into the room I am in already; nobody can join a room that is gone.
        pulls: [{ from: 'u3', room: 'a', at: 4 }, { from: 'u3', room: 'a', at: 9 }, { from: 'u2', room: 'b', at: 5 }, { from: 'u9', room: 'gone', at: 6 }],
      },
      connection: { state: 'online', detail: null },
      rooms: {
        a: { id: 'a', name: 'Alpha', kind: 'open', door: 'open', capacity: 0, order: 1, floor: 'Main floor', occupants: [], knocks: [], unread: 0 },
        b: { id: 'b', name: 'Beta', kind: 'open', door: 'closed', capacity: 0, order: 0, floor: 'Main floor', occupants: ['u1', 'u2', 'u3'], knocks: [{ user: 'u9', at: 7 }, { user: 'u2', at: 3 }], unread: 0 },
      },
      members: { u1: member('u1', 'Ada'), u2: member('u2', 'Bo'), u3: member('u3', 'Cy') },
      callMarks: {},
    discussions: {},
    }
    expect(traySummary(view, 2)).toEqual({
      connection: 'online',
      me: { room: 'b', roomName: 'Beta', mic: true, dnd: false, callElsewhere: null },
      rooms: [
        { id: 'b', name: 'Beta', door: 'closed', occupants: ['Ada', 'Bo', '+1'] },
        { id: 'a', name: 'Alpha', door: 'open', occupants: [] },
      ],
      knocks: [
        { userId: 'u2', name: 'Bo', roomName: 'Beta', at: 3 },
        { userId: 'u9', name: 'u9', roomName: 'Beta', at: 7 },
      ],
      invitations: [{ userId: 'u3', name: 'Cy', roomName: 'Alpha', at: 9 }],
      mentions: [{ roomId: 'a', seq: 4, userId: 'u2', name: 'Bo', roomName: 'Alpha', at: 11 }],
    })
  })
  it('lists the first rooms in order when a team has more than the tray summary may carry', () => {
    const room = (i: number) => ({ id: `r${i}`, name: `Room ${i}`, kind: 'open' as const, door: 'open' as const, capacity: 0, order: i, floor: 'Main floor', occupants: [], knocks: [], unread: 0 })
    const view: OfficeView = {
      team: { id: 't', name: 'T' },
      me: { userId: 'u1', room: null, mic: false, cam: false, screen: false, holdsMedia: true, managesRooms: false, callElsewhere: null, knock: null, pull: null, pulls: [], mentions: [], lastAnswer: null },
      connection: { state: 'online', detail: null },
      rooms: Object.fromEntries(Array.from({ length: TRAY_MAX_ROOMS + 20 }, (_, i) => [`r${i}`, room(i)])),
      members: {},
      callMarks: {},
      discussions: {},
    }
    const summary = traySummary(view)
    expect(traySummarySchema.safeParse(summary).success).toBe(true)
    expect(summary.rooms.map((r) => r.id)).toEqual(Array.from({ length: TRAY_MAX_ROOMS }, (_, i) => `r${i}`))
  })
})
