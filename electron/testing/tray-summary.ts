// The tray summary a core sends main, with me in `room` (or none) and my call on another device or not.
import type { TraySummary } from '../../shared/contract/tray'

export const summary = (room: string | null, callElsewhere: string | null = null): TraySummary => ({
  connection: 'online',
  me: { room, roomName: room, mic: true, dnd: false, callElsewhere },
  rooms: [],
  knocks: [],
  invitations: [],
  mentions: [],
})
