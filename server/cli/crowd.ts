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
