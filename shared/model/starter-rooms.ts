import type { RoomFields } from './schema'

/** The rooms a new team starts with. */
export const DEFAULT_ROOMS: ReadonlyArray<{ id: string } & RoomFields> = [
  { id: 'lobby', name: 'Lobby', kind: 'open', door: 'open', capacity: 0, order: 0 },
  { id: 'kitchen', name: 'Kitchen', kind: 'open', door: 'open', capacity: 0, order: 1 },
  { id: 'standup', name: 'Standup', kind: 'meeting', door: 'open', capacity: 12, order: 2 },
  { id: 'focus', name: 'Focus Room', kind: 'focus', door: 'closed', capacity: 4, order: 3 },
]
