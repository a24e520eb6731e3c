// Light members: one raw WebSocket each, speaking the y-websocket protocol by hand (sync step 1 on
// join, awareness frames built directly), no Y.Doc and no provider. They do not echo what they
// receive (Hallway's core does not). Every presence change is timed at every member that gets it.
import WebSocket from 'ws'
import * as encoding from 'lib0/encoding'
import { encodeAwareness, peekAwarenessClocks } from '../../server/sync/protocol'

export interface MemberPlan {
  user: string
  docName: string
  url: string
}

export interface Member {
  plan: MemberPlan
  ws: WebSocket
  clientId: number
  clock: number
  room: number
  /** The status text in the member's state: a renewal repeats it, a status edit changes it. */
  status: string
  /** The latest clock received per client id. */
  seen: Map<number, number>
  /** Probes parse and time what they receive; the rest drain their sockets unread (see PROBE_EVERY). */
  probe: boolean
}

/**
 * One member in this many parses what it receives and times it. Parsing every frame at every
 * member made the one client core, not the server, set the latency; the rest only drain their
 * sockets (they still send, so the server's keepalive sees them alive).
 */
export const PROBE_EVERY = 10

/** Sync step 1 with an empty state vector: the whole (empty) document, please. */
const SYNC_STEP_1 = new Uint8Array([0, 0, 1, 0])
const MAX_ENTRIES = 10_000

/**
 * Send times of measured changes by `clientId:clock`, and what their deliveries took: visible
 * changes (walks, status edits) apart from renewals, which change nothing a member sees and only
 * have to arrive before the receivers' 30 s timeout (a server may hold them, as ours does).
 */
export class DeliveryClock {
  private readonly sent = new Map<string, { at: number; renewal: boolean }>()
  readonly latencies: number[] = []
  readonly renewalLatencies: number[] = []
  deliveries = 0
  /**
   * Measured changes a receiver never got because a later one of the same client reached it
   * first (a server sends a client's latest state once when several wait together). Its news
   * arrived, so it is not lost; it counts in neither latency nor CPU or bytes per delivery.
   */
  superseded = 0

  noteSent(clientId: number, clock: number, renewal: boolean): void {
    this.sent.set(`${clientId}:${clock}`, { at: performance.now(), renewal })
  }

  /** Counts each change once per receiver: a server may resend states it already sent. */
  received(frame: Uint8Array, receiver: Member): void {
    const clocks = peekAwarenessClocks(frame, MAX_ENTRIES)
    if (clocks === null || clocks === 'too-many') return
    const now = performance.now()
    for (const { clientId, clock } of clocks) {
      const seen = receiver.seen.get(clientId) ?? 0
      if (clientId === receiver.clientId || clock <= seen) continue
      receiver.seen.set(clientId, clock)
      for (let skipped = seen + 1; skipped < clock; skipped++) if (this.sent.has(`${clientId}:${skipped}`)) this.superseded++
      const sent = this.sent.get(`${clientId}:${clock}`)
      if (sent === undefined) continue
      this.deliveries++
      ;(sent.renewal ? this.renewalLatencies : this.latencies).push(now - sent.at)
    }
  }

  reset(): void {
    this.sent.clear()
    this.latencies.length = 0
    this.renewalLatencies.length = 0
    this.deliveries = 0
    this.superseded = 0
  }
}

let nextClientId = 1_000_000

/**
 * Opens every member, `batch` at a time; resolves once all are open. `allRead`: every member reads
 * its socket, as a real client does (it answers a close handshake and sees the close code).
 */
export async function openMembers(plans: readonly MemberPlan[], clock: DeliveryClock, options: { syncStep: boolean; batch: number; allRead?: boolean; announce?: boolean }): Promise<Member[]> {
  const members: Member[] = []
  for (let start = 0; start < plans.length; start += options.batch) {
    const batch = plans.slice(start, start + options.batch).map((plan, k) => openMember(plan, clock, options, options.allRead === true || (start + k) % PROBE_EVERY === 0))
    members.push(...(await Promise.all(batch)))
  }
  return members
}

function openMember(plan: MemberPlan, clock: DeliveryClock, hooks: ConnectHooks, probe: boolean): Promise<Member> {
  const member: Member = { plan, ws: null as unknown as WebSocket, clientId: nextClientId++, clock: 0, room: 0, status: 'around', seen: new Map(), probe }
  return connectMember(member, clock, hooks).then(() => member)
}

export interface ConnectHooks {
  syncStep: boolean
  /** Sends the member's presence state once open, as the Hallway core (and y-websocket's provider) does on every connection. */
  announce?: boolean
  /** The server's sync step 2 arrived: the member has the document. */
  onSynced?: () => void
  onClose?: (code: number, reason: string) => void
}

/** Opens (or reopens) the member's socket; resolves once it is open. */
export function connectMember(member: Member, clock: DeliveryClock, hooks: ConnectHooks): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(member.plan.url, { perMessageDeflate: false })
    member.ws = ws
    ws.binaryType = 'nodebuffer'
    // With onSynced, what comes before the sync step 2 is the server's snapshot of everyone's
    // presence for the joiner, not a delivery: not timed.
    let synced = hooks.onSynced === undefined
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) {
        synced = true
        hooks.onSynced?.()
      }
      if (synced) clock.received(data, member)
    })
    ws.once('open', () => {
      if (hooks.syncStep) ws.send(SYNC_STEP_1)
      if (hooks.announce) sendPresence(member, 'renewal', clock, false)
      if (!member.probe && !hooks.onSynced) drainUnread(ws)
      resolve()
    })
    ws.once('error', reject)
    ws.on('error', () => {})
    ws.once('close', (code, reason) => hooks.onClose?.(code, reason.toString()))
  })
}

/** Moves the member's awareness clock forward with its state (a walk, a status edit or a renewal). */
export function sendPresence(member: Member, kind: 'renewal' | 'walk' | 'status', clock: DeliveryClock, measured: boolean): void {
  if (kind === 'walk') member.room++
  member.clock++
  if (kind === 'status') member.status = `busy ${member.clock}`
  const state = JSON.stringify({ user: member.plan.user, room: `room-${member.room % 12}`, mic: false, status: member.status })
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, 1)
  encoding.writeVarUint(update, member.clientId)
  encoding.writeVarUint(update, member.clock)
  encoding.writeVarString(update, state)
  if (measured) clock.noteSent(member.clientId, member.clock, kind === 'renewal')
  if (member.ws.readyState === WebSocket.OPEN) member.ws.send(encodeAwareness(encoding.toUint8Array(update)))
}

/** Takes the socket's data away from ws's frame parser: read and dropped. */
function drainUnread(ws: WebSocket): void {
  const socket = (ws as unknown as { _socket: import('node:net').Socket })._socket
  socket.removeAllListeners('data')
  socket.on('data', () => {})
}

/** Kernel bytes read over the probes' sockets so far, WebSocket framing included. */
export function bytesRead(members: readonly Member[]): number {
  let total = 0
  for (const member of members) if (member.probe) total += (member.ws as unknown as { _socket?: { bytesRead: number } })._socket?.bytesRead ?? 0
  return total
}

export function closeMembers(members: readonly Member[]): void {
  for (const member of members) member.ws.terminate()
}
