import WebSocket from 'ws'
import { PresenceCore } from '../../shared/core/engine'
import type { SocketConstructor } from '../../shared/core/jittered-socket'
import { MemoryStorage } from '../../shared/core/storage-port'
import { loadUserId, loadUserName } from '../admin/load-users'
import { mintToken } from '../auth/tokens'
import type { Logger } from '../observe/log'

export interface CrowdOptions {
  serverUrl: string
  secret: Uint8Array
  teamId: string
  count: number
  /** Moves (enter a room, leave, toggle mic) per second across the whole crowd. 0 = stand still. */
  movesPerSecond: number
  /** The share of the crowd (0 to 1) that walks into rooms once online, spread over the team's open rooms in turn. */
  inRooms?: number
  log: Logger
  /** Give up if not everyone is synced by then. */
  onlineTimeoutMs?: number
  random?: () => number
}

export interface Crowd {
  readonly cores: readonly PresenceCore[]
  close(): Promise<void>
}

const CROWD_TOKEN_TTL_SECONDS = 30 * 86400
/** Nobody looks at a crowd member's office: its core re-derives it only this often, to wander and react. */
const CROWD_VIEW_REFRESH_MS = 5_000

/**
 * Keeps `count` real presence cores (in-memory storage, real sockets) online as load-1..load-N.
 * Resolves once every one of them has synced with the server.
 */
export async function startCrowd(options: CrowdOptions): Promise<Crowd> {
  const random = options.random ?? Math.random
  // Every core's provider adds a process 'exit' listener; that is expected here, not a leak.
  process.setMaxListeners(0)
  const cores: PresenceCore[] = []
  let timer: ReturnType<typeof setInterval> | null = null
  const close = async () => {
    if (timer) clearInterval(timer)
    await Promise.all(cores.map((core) => core.close()))
  }
  try {
    for (let i = 1; i <= options.count; i++) {
      const token = await mintToken(options.secret, {
        userId: loadUserId(i),
        teamId: options.teamId,
        name: loadUserName(i),
        role: 'member',
        ttlSeconds: CROWD_TOKEN_TTL_SECONDS,
      })
      cores.push(
        await PresenceCore.open({
          serverUrl: options.serverUrl,
          token,
          storage: new MemoryStorage(),
          WebSocket: WebSocket as unknown as SocketConstructor,
          device: 'bot',
          viewRefreshMs: CROWD_VIEW_REFRESH_MS,
        }),
      )
    }
    await waitAllSynced(cores, options.onlineTimeoutMs ?? 60_000)
    if (options.inRooms) await seatInRooms(cores.slice(0, Math.round(cores.length * options.inRooms)), options.onlineTimeoutMs ?? 60_000)
  } catch (error) {
    await close()
    throw error
  }
  if (options.movesPerSecond > 0) {
    timer = setInterval(() => wander(cores[Math.floor(random() * cores.length)]!, random, options.log), 1000 / options.movesPerSecond)
  }
  return { cores, close }
}

async function waitAllSynced(cores: readonly PresenceCore[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let synced = 0
  cores.forEach((core) => core.whenSynced().then(() => synced++))
  while (synced < cores.length) {
    const denied = cores.find((core) => core.view().connection.state === 'denied')
    if (denied) throw new Error(`The server refused ${denied.userId}: ${denied.view().connection.detail ?? 'denied'}`)
    if (Date.now() > deadline) throw new Error(`Only ${synced} of ${cores.length} crowd members got online within ${timeoutMs / 1000} s. Is the server at --server running?`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Walks each of `cores` into an open room, the rooms taken in turn (as the first core sees them, so
 * every floor gets people); a room that refuses (full) passes the member on to the next.
 */
async function seatInRooms(cores: readonly PresenceCore[], timeoutMs: number): Promise<void> {
  if (cores.length === 0) return
  const deadline = Date.now() + timeoutMs
  // A crowd core re-derives its view every few seconds: wait for the first one that knows the rooms.
  while (Object.keys(cores[0]!.view().rooms).length === 0) {
    if (Date.now() > deadline) throw new Error(`The crowd saw no rooms within ${timeoutMs / 1000} s: seed the team with --rooms first.`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const rooms = Object.values(cores[0]!.view().rooms).filter((room) => room.door === 'open')
  if (rooms.length === 0) throw new Error('The team has no open room to put the crowd in.')
  let next = 0
  for (const core of cores) {
    let seated = false
    for (let tries = 0; tries < rooms.length && !seated; tries++) {
      const result = await core.execute({ type: 'enterRoom', roomId: rooms[next++ % rooms.length]!.id })
      seated = result.ok
    }
    if (!seated) throw new Error(`No open room would take ${core.userId}: every room is full.`)
  }
}

/** One random step: walk into another open room, sometimes toggle the mic or leave. */
function wander(core: PresenceCore, random: () => number, log: Logger): void {
  const view = core.view()
  const roll = random()
  let command: unknown
  if (view.me.room !== null && roll < 0.25) command = { type: 'setMic', on: !view.me.mic }
  else if (view.me.room !== null && roll < 0.35) command = { type: 'leaveRoom' }
  else {
    const rooms = Object.values(view.rooms).filter(
      (room) => room.door === 'open' && room.id !== view.me.room && (room.capacity === 0 || room.occupants.length < room.capacity),
    )
    if (rooms.length === 0) return
    command = { type: 'enterRoom', roomId: rooms[Math.floor(random() * rooms.length)]!.id }
  }
  core.execute(command).then(
    (result) => {
      if (!result.ok) log.debug('crowd move refused', { user: core.userId, error: result.error })
    },
    (error) => log.warn('crowd move failed', { user: core.userId, error }),
  )
}
