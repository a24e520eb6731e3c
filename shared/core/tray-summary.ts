import { openPulls } from '../contract/open-pulls'
import { TRAY_MAX_INVITATIONS, TRAY_MAX_KNOCKS, TRAY_MAX_MENTIONS, TRAY_MAX_ROOMS, type TraySummary } from '../contract/tray'
import type { OfficeView } from '../contract/view'

/** What the tray menu shows: small enough to rebuild the whole menu on every change. */
export function traySummary(view: OfficeView, maxNamesPerRoom = 5): TraySummary {
  const nameOf = (id: string) => view.members[id]?.name ?? id
  const rooms = Object.values(view.rooms)
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
    .slice(0, TRAY_MAX_ROOMS)
  return {
    connection: view.connection.state,
    me: {
      room: view.me.room,
      roomName: view.me.room ? (view.rooms[view.me.room]?.name ?? null) : null,
      mic: view.me.mic,
      dnd: view.members[view.me.userId]?.status?.dnd === true,
      callElsewhere: view.me.callElsewhere,
    },
    rooms: rooms.map((room) => {
      const names = room.occupants.map(nameOf)
      const shown = names.slice(0, maxNamesPerRoom)
      if (names.length > shown.length) shown.push(`+${names.length - shown.length}`)
      return { id: room.id, name: room.name, door: room.door, occupants: shown }
    }),
    knocks: Object.values(view.rooms)
      .flatMap((room) => room.knocks.map((knock) => ({ userId: knock.user, name: nameOf(knock.user), roomName: room.name, at: knock.at })))
      .sort((a, b) => a.at - b.at)
      .slice(0, TRAY_MAX_KNOCKS),
    invitations: openPulls(view, new Set())
      .slice(0, TRAY_MAX_INVITATIONS)
      .map((pull) => ({ userId: pull.from, name: nameOf(pull.from), roomName: view.rooms[pull.room]!.name, at: pull.at })),
    mentions: view.me.mentions
      .filter((mention) => view.rooms[mention.room])
      .slice(-TRAY_MAX_MENTIONS)
      .map(({ room, seq, by, at }) => ({ roomId: room, seq, userId: by, name: nameOf(by), roomName: view.rooms[room]!.name, at })),
  }
}
