import { Socket } from 'node:net'
import type { Logger } from '../observe/log'
import type { Connection } from '../sync/connection'
import type { DocRegistry } from '../sync/doc-registry'
import type { HeldState } from '../sync/live-presence'
import type { SyncServer } from '../sync/sync-server'
import type { HandOverIntake, ParentLink } from './parent-link'
import { closeHandle, isNativeHandle } from './native-handle'
import type { HandedDoc, HandedMember, HandOverDone } from './handoff-messages'

interface ArrivingDoc {
  doc: HandedDoc
  members: { member: HandedMember; socket: Socket }[]
  adopted: Promise<void> | null
}

/**
 * The successor's side of a live hand-over: documents and members as the process before sends them. A
 * document's members are read only once all of them are here, so no change one of them makes can
 * miss another still on its way; the process listens once every document is taken over (finish).
 */
export class TakeOver implements HandOverIntake {
  private readonly arriving = new Map<string, ArrivingDoc>()
  private members = 0

  constructor(private readonly deps: { sync: SyncServer; registry: DocRegistry; log: Logger }) {}

  doc(doc: HandedDoc): void {
    const arriving: ArrivingDoc = { doc, members: [], adopted: null }
    this.arriving.set(doc.name, arriving)
    if (doc.members === 0) arriving.adopted = this.adopt(arriving)
  }

  /** `handle`: the member's socket, as node passed it (not read until its document is complete). */
  member(member: HandedMember, handle: unknown): void {
    const arriving = this.arriving.get(member.doc)
    if (!arriving || arriving.adopted || !isNativeHandle(handle)) {
      this.deps.log.warn('handed member refused: no document announced for it, or no socket with it', { doc: member.doc })
      closeHandle(handle)
      return
    }
    arriving.members.push({ member, socket: new Socket({ handle: handle as never, readable: true, writable: true, pauseOnCreate: true } as never) })
    if (arriving.members.length === arriving.doc.members) arriving.adopted = this.adopt(arriving)
  }

  /** The old process's count of what it sent: logged beside what arrived. */
  done(done: HandOverDone): void {
    this.deps.log.info('hand-over received', { docs: done.docs, members: done.members, reconnecting: done.reconnecting, arrived: [...this.arriving.values()].reduce((n, a) => n + a.members.length, 0) })
  }

  /** Every document taken over, the ones whose members did not all arrive (the old process died) with those that did. */
  async finish(): Promise<{ docs: number; members: number }> {
    for (const arriving of this.arriving.values()) arriving.adopted ??= this.adopt(arriving)
    await Promise.all([...this.arriving.values()].map((arriving) => arriving.adopted))
    return { docs: this.arriving.size, members: this.members }
  }

  private async adopt({ doc, members }: ArrivingDoc): Promise<void> {
    const { sync, registry, log } = this.deps
    let room
    try {
      // Loaded already (a summary, a newcomer): the process before may have written to it since.
      const loadedBefore = registry.isLoaded(doc.name)
      room = await registry.acquire(doc.name)
      if (loadedBefore) await room.reloadFromStore()
    } catch (error) {
      // The members reconnect, and their admission loads it again (or says why not).
      log.error('handed document could not be loaded; its members are closed', { doc: doc.name, error })
      for (const { socket } of members) socket.destroy()
      return
    }
    const missed = room.changedSince(Buffer.from(doc.stateVector, 'base64'))
    const byKey = new Map<number, Connection>()
    for (const { member, socket } of members) {
      await registry.acquire(doc.name)
      let connection = null
      try {
        connection = sync.adopt(socket, Buffer.from(member.head, 'base64'), room, member.claims, member, missed)
      } catch (error) {
        log.error('handed member could not be taken over; it is closed and reconnects', { doc: doc.name, error })
      }
      if (connection) byKey.set(member.key, connection)
      else {
        registry.release(room)
        socket.destroy()
      }
    }
    // Only the states of members that came over. One whose member did not goes with it (it
    // reconnects and announces it again); one no member here controls is another node's, which this
    // process asked for when it loaded the document (scale-out), and must not publish as its own.
    const states: HeldState[] = []
    for (const held of doc.states) {
      const owner = held.owner === null ? undefined : byKey.get(held.owner)
      if (owner !== undefined) states.push({ ...held, owner })
    }
    room.presence.adoptStates(states)
    registry.release(room)
    this.members += byKey.size
    for (const connection of byKey.values()) connection.resumeReading()
  }
}

/** A worker's start: whatever a hand-over brings is taken over; resolves with the listening socket to listen on then. */
export async function takeOverThenListen(parent: ParentLink, deps: { sync: SyncServer; registry: DocRegistry; log: Logger }): Promise<object> {
  const takeOver = new TakeOver(deps)
  const started = performance.now()
  const handle = await parent.start(takeOver)
  const taken = await takeOver.finish()
  if (taken.docs > 0) deps.log.info('taken over', { ...taken, ms: Math.round(performance.now() - started) })
  return handle
}
