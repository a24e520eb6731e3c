// The office call's decisions as pure functions: which call the office view asks for, and what the
// controller does next to get there (office-call.ts carries them out).

/** The slice of the core's OfficeView that decides my call. */
export interface OfficeCallFacts {
  team: { id: string }
  me: { room: string | null; holdsMedia: boolean; mic: boolean; cam: boolean; screen: boolean }
  connection: { state: 'connecting' | 'online' | 'offline' | 'denied' }
}

export interface Devices {
  mic: boolean
  cam: boolean
  screen: boolean
}

export interface CallWish extends Devices {
  teamId: string
  /** The office room whose call this device should be in; null: no call here. */
  roomId: string | null
  online: boolean
}

export function wishFromView(view: OfficeCallFacts): CallWish {
  const { me } = view
  return {
    teamId: view.team.id,
    roomId: me.room !== null && me.holdsMedia ? me.room : null,
    online: view.connection.state === 'online',
    mic: me.mic,
    cam: me.cam,
    screen: me.screen,
  }
}

export type CallStep =
  | { kind: 'leave' }
  | { kind: 'join'; roomId: string }
  | { kind: 'toggle'; changes: Partial<Devices> }
  | { kind: 'none' }

export interface CallPosition {
  /** The room whose call we hold (connected or not); null: none. */
  roomId: string | null
  /** What the held call publishes now. */
  applied: Devices
  /** A room we stopped trying (calls unavailable, denied, moved) until the wish changes or a retry. */
  parkedRoom: string | null
}

/**
 * One step towards the wish. A call already running survives a sync-server blip (the core's
 * presence is stale then, not wrong); a new call waits for the core to be online, since only an
 * online core knows whether this device holds the media lease.
 */
export function nextCallStep(position: CallPosition, wish: CallWish): CallStep {
  if (position.roomId !== null && position.roomId !== wish.roomId) return { kind: 'leave' }
  if (position.roomId === null) {
    if (wish.roomId === null || !wish.online || wish.roomId === position.parkedRoom) return { kind: 'none' }
    return { kind: 'join', roomId: wish.roomId }
  }
  const changes: Partial<Devices> = {}
  for (const device of ['mic', 'cam', 'screen'] as const) {
    if (position.applied[device] !== wish[device]) changes[device] = wish[device]
  }
  return Object.keys(changes).length > 0 ? { kind: 'toggle', changes } : { kind: 'none' }
}
