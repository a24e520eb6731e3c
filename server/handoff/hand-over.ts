import * as Y from 'yjs'
import type { Logger } from '../observe/log'
import type { Connection } from '../sync/connection'
import type { DocRegistry } from '../sync/doc-registry'
import type { LiveDoc } from '../sync/live-doc'
import type { SyncServer } from '../sync/sync-server'
import type { HandOverDone, WorkerToKeeper } from './handoff-messages'

export interface HandOverDeps {
  sync: SyncServer
  registry: DocRegistry
  /** Commits what this process's stores hold back (read markers) and closes them: the successor reads them next. */
  closeStores(): Promise<void>
  /** Sends one message to the keeper, with a socket's handle; resolves once it is written. */
  send(message: WorkerToKeeper, handle?: object): Promise<void>
  log: Logger
}

/** How long a member's queued writes may take to reach the kernel before it is closed (1012) instead of handed over. */
const WRITES_OUT_MS = 1000
/** How long a member closed instead has to answer its 1012 before this process exits. */
export const HAND_OVER_GRACE_MS = 500

/**
 * The old process's side of a live hand-over. Every member stops being read at once, so what
 * this process holds is fixed: each document's changes so far are stored and sent, its held
 * presence sent, every write out of node's buffers, the stores closed. Then each document goes to
 * the keeper with what its members hold (its state vector) and the presence they see, and each
 * member's socket after it. Nothing a member sent is lost: it waits in the socket's kernel buffer,
 * or comes along as the part of a frame already read. A member that cannot go whole gets a 1012.
 */
export async function handOver(deps: HandOverDeps): Promise<HandOverDone> {
  const connections = deps.sync.stopForHandOver(HAND_OVER_GRACE_MS)
  const whole = connections.filter((connection) => connection.stopReadingForHandOver())
  const rooms = await deps.registry.flushForHandOver()
  const out = await Promise.all(whole.map((connection) => connection.writesOut(WRITES_OUT_MS)))
  const handed = whole.filter((_, i) => out[i])
  const handedSet = new Set(handed)
  for (const connection of connections) if (!handedSet.has(connection)) deps.sync.closeForHandOver(connection)
  await deps.closeStores()

  const keys = new Map(handed.map((connection, key) => [connection, key]))
  const byRoom = groupByRoom(handed)
  for (const room of rooms) {
    const members = byRoom.get(room)
    if (!members) continue
    await deps.send({
      kind: 'doc',
      name: room.name,
      stateVector: Buffer.from(Y.encodeStateVector(room.doc)).toString('base64'),
      states: room.presence.heldStates().map((held) => ({ ...held, owner: held.owner === null ? null : (keys.get(held.owner as Connection) ?? null) })),
      members: members.length,
    })
    for (const connection of members) {
      const { handle, head } = connection.handOff()
      await deps.send(
        {
          kind: 'member',
          key: keys.get(connection)!,
          doc: room.name,
          claims: connection.claims,
          presenceDeltas: connection.readsPresenceDeltas,
          readMarkers: connection.readsReadMarkers,
          head: head.toString('base64'),
        },
        handle,
      )
    }
  }
  const done: HandOverDone = { kind: 'handed', docs: byRoom.size, members: handed.length, reconnecting: connections.length - handed.length }
  await deps.send(done)
  deps.log.info('handed over', { docs: done.docs, members: done.members, reconnecting: done.reconnecting })
  return done
}

function groupByRoom(connections: readonly Connection[]): Map<LiveDoc, Connection[]> {
  const byRoom = new Map<LiveDoc, Connection[]>()
  for (const connection of connections) {
    const members = byRoom.get(connection.room)
    if (members) members.push(connection)
    else byRoom.set(connection.room, [connection])
  }
  return byRoom
}
