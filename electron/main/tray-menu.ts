import type { CoreCommand } from '../../shared/contract/commands'
import type { TraySummary } from '../../shared/contract/tray'

export interface TrayMenuItem {
  label?: string
  type?: 'separator' | 'normal'
  enabled?: boolean
  click?: () => void
}

export interface TrayActions {
  run(command: CoreCommand): void
  openOffice(): void
  quit(): void
}

const connectionLabel: Record<TraySummary['connection'], string> = {
  online: 'Online',
  connecting: 'Connecting…',
  offline: 'Offline — reconnecting',
  denied: 'Signed out — open Hallway to sign in',
}

/** The whole tray menu for a summary; rebuilt on every change (Linux ignores in-place edits). */
export function trayMenuTemplate(summary: TraySummary, actions: TrayActions): TrayMenuItem[] {
  const { me } = summary
  const items: TrayMenuItem[] = [{ label: connectionLabel[summary.connection], enabled: false }]
  if (me.callElsewhere) items.push({ label: 'In a call on your other device — move it here', click: () => actions.run({ type: 'claimMedia' }) })
  if (me.room) {
    items.push(
      { label: `In ${me.roomName ?? 'a room'}`, enabled: false },
      { label: me.mic ? 'Mute' : 'Unmute', click: () => actions.run({ type: 'setMic', on: !me.mic }) },
      { label: 'Leave room', click: () => actions.run({ type: 'leaveRoom' }) },
    )
  }
  if (summary.knocks.length > 0) items.push({ label: `${summary.knocks.length} knocking — open Hallway to answer`, click: actions.openOffice })
  items.push({ type: 'separator' })
  for (const room of summary.rooms) {
    const people = room.occupants.length > 0 ? ` — ${room.occupants.join(', ')}` : ''
    const here = room.id === me.room
    const door = room.door === 'open' ? '' : room.door === 'locked' ? ' (locked)' : ' (door closed)'
    items.push({
      label: `${here ? '● ' : ''}${room.name}${door}${people}`,
      enabled: !here && room.door !== 'locked',
      click: () => actions.run(room.door === 'closed' ? { type: 'knock', roomId: room.id } : { type: 'enterRoom', roomId: room.id }),
    })
  }
  items.push({ type: 'separator' }, { label: 'Open Hallway', click: actions.openOffice }, { label: 'Quit Hallway', click: actions.quit })
  return items
}

export function trayTooltip(summary: TraySummary): string {
  if (summary.connection !== 'online') return `Hallway — ${connectionLabel[summary.connection]}`
  if (summary.me.room) return `Hallway — in ${summary.me.roomName ?? 'a room'}${summary.me.mic ? '' : ' (muted)'}`
  return 'Hallway'
}
