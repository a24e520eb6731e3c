import * as Y from 'yjs'
import { parseDocName } from '../../shared/contract/doc-names'
import type { Logger } from '../observe/log'
import type { Connection } from '../sync/connection'
import type { DocRegistry } from '../sync/doc-registry'
import type { LiveDoc } from '../sync/live-doc'
import type { SyncServer } from '../sync/sync-server'
import type { HandOverDone } from './handoff-messages'
import type { SendToSuccessor } from './successor'

export interface HandOverDeps {
  sync: SyncServer
  registry: DocRegistry
  /** Commits what this process's stores hold back (read markers) and closes them, once every document has gone. */
  closeStores(): Promise<void>
  send: SendToSuccessor
  /** The listening socket's handle, for the successor, and this process's stop of accepting on it. */
  listenHandle: object
  stopAccepting(): void
  log: Logger
}

/** How long a member's queued writes may take to reach the kernel before it is closed (1012) instead of handed over. */
const WRITES_OUT_MS = 1000
/** A hand-over's pace, for the wait a 1012 names to an arrival meanwhile (4,000 members took 1.3 s here, bench/capacity/README.md). */
const HAND_OVER_MS_PER_MEMBER = 0.4
/** How long a member closed instead has to answer its 1012 before this process exits. */
export const HAND_OVER_GRACE_MS = 500

/**
 * The old process's side of a live hand-over, one document at a time, so a member waits only
 * while its own document moves: its members stop being read, so what this process holds of it is
 * fixed; its changes so far are stored and sent, its held presence sent, every write out of
 * node's buffers. Then the document goes to the successor with what its members hold (its state
 * vector) and the presence they see, and each member's socket after it. The other documents are
 * served meanwhile. Team documents go last: a discussion's summaries are written to its team's.
 * Nothing a member sent is lost: it waits in the socket's kernel buffer, or comes along as the
 * part of a frame already read. A member that cannot go whole gets a 1012 and reconnects.
 */
export async function handOver(deps: HandOverDeps): Promise<HandOverDone> {
  // The successor holds the port from here, and listens once it has taken everything over (or
  // when this process is gone, with what it took). This one answers HTTP (ready, API) until then;
  // a member arriving is told to come back once the successor accepts.
  await deps.send({ kind: 'listen' }, deps.listenHandle)
  const connections = deps.sync.stopForHandOver(HAND_OVER_GRACE_MS, Math.ceil(deps.sync.connections.size * HAND_OVER_MS_PER_MEMBER))
  const byRoom = groupByRoom(connections)
  const rooms = [...byRoom.keys()].sort((a, b) => Number(isTeamDoc(a)) - Number(isTeamDoc(b)))
  let nextKey = 0
  let members = 0
  for (const room of rooms) {
    const inRoom = byRoom.get(room)!
    const whole = inRoom.filter((connection) => connection.stopReadingForHandOver())
    await room.settle()
    const out = await Promise.all(whole.map((connection) => connection.writesOut(WRITES_OUT_MS)))
    const handed = whole.filter((_, i) => out[i])
    const handedSet = new Set(handed)
    for (const connection of inRoom) if (!handedSet.has(connection)) deps.sync.closeForHandOver(connection)
    if (handed.length === 0) continue
    const keys = new Map(handed.map((connection) => [connection, nextKey++]))
    await deps.send({
      kind: 'doc',
      name: room.name,
      stateVector: Buffer.from(Y.encodeStateVector(room.doc)).toString('base64'),
      states: room.presence.heldStates().map((held) => ({ ...held, owner: held.owner === null ? null : (keys.get(held.owner as Connection) ?? null) })),
      members: handed.length,
    })
    for (const connection of handed) {
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
    members += handed.length
  }
  // What arrives between this stop and the successor's listen waits in the kernel's queue.
  deps.stopAccepting()
  // Every document's last writes (a summary to a team nobody here had open, say) before the stores close.
  await deps.registry.closeAll()
  await deps.closeStores()
  const done: HandOverDone = { kind: 'handed', docs: rooms.length, members, reconnecting: connections.length - members }
  await deps.send(done)
  deps.log.info('handed over', { docs: done.docs, members: done.members, reconnecting: done.reconnecting })
  return done
}

function isTeamDoc(room: LiveDoc): boolean {
  return parseDocName(room.name)?.kind === 'team'
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
