// Remote members for the office bench that toggle their mics at a set rate: raw y-websocket
// sockets (light members: no Y.Doc, nothing they receive is read), each a seeded member in one of
// the default floor's rooms, sending its change as a presence delta the way Hallway's core does.
// A core per member would decode every other member's change too, and at 100 changes a second
// that, not the office, would set the pace. They run in a child process (office-writers-process.ts
// starts it): the bench process also hosts the crowd's cores, whose work delayed the writers' timer.
import { pathToFileURL } from 'node:url'
import { z } from 'zod'
import { encodeAwarenessEntries } from '../shared/contract/awareness-update'
import { PRESENCE_DELTA_PARAM, encodePresenceDeltas } from '../shared/contract/presence-delta'
import { teamDocName } from '../shared/contract/doc-names'
import { initialPresence, type PresenceState } from '../shared/core/presence'
import { loadUserId, loadUserName } from '../server/admin/load-users'
import { mintToken } from '../server/auth/tokens'
import { encodeAwareness } from '../server/sync/protocol'
import { DeliveryClock, connectMember, type Member } from './capacity/light-members'

/** What the bench asks of the writers' process; each command gets one reply. */
export const writersCommandSchema = z.discriminatedUnion('cmd', [
  z.object({
    cmd: z.literal('open'),
    options: z.object({ syncUrl: z.string(), secret: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'a Uint8Array'), teamId: z.string(), first: z.number().int().positive(), count: z.number().int().positive(), rooms: z.array(z.string()).min(1) }),
  }),
  /** Toggles `count` mics one after another, `gapMs` apart (round robin over the writers). */
  z.object({ cmd: z.literal('oneAtATime'), count: z.number().int().nonnegative(), gapMs: z.number().nonnegative() }),
  /** Toggles mics at `perSecond` for `ms`. */
  z.object({ cmd: z.literal('atRate'), perSecond: z.number().positive(), ms: z.number().positive() }),
])
export type WritersCommand = z.infer<typeof writersCommandSchema>
/** Seeded members load-<first>… (one socket each) in `rooms`, on the sync server at `syncUrl` (ws://host:port/sync). */
export type WritersOptions = Extract<WritersCommand, { cmd: 'open' }>['options']

/** The changes sent and the rate achieved; writer sockets the server has closed so far. */
export interface RateResult {
  changes: number
  perSecond: number
  closedSockets: number
}

interface WriterSockets {
  /** [awareness client id, member id] per writer. */
  members: [number, string][]
  oneAtATime(count: number, gapMs: number): Promise<number>
  atRate(perSecond: number, ms: number): Promise<RateResult>
}

/** Well within the server's 30 s awareness timeout: an idle writer sends its state again. */
const RENEW_AFTER_MS = 10_000
/** The rate's timer period; a late tick sends what fell due meanwhile (each writer at most once). */
const TICK_MS = 10
const TOKEN_TTL_SECONDS = 86_400
let nextClientId = 2_000_000

interface Writer {
  member: Member
  state: PresenceState
  sentAt: number
}

async function openWriterSockets(options: WritersOptions): Promise<WriterSockets> {
  const docName = teamDocName(options.teamId)
  const unused = new DeliveryClock()
  let closedSockets = 0
  const writers: Writer[] = []
  for (let i = 0; i < options.count; i++) {
    const index = options.first + i
    const user = loadUserId(index)
    const token = await mintToken(options.secret, { userId: user, teamId: options.teamId, name: loadUserName(index), role: 'member', ttlSeconds: TOKEN_TTL_SECONDS })
    const url = `${options.syncUrl}/${docName}?${new URLSearchParams({ token, [PRESENCE_DELTA_PARAM.name]: PRESENCE_DELTA_PARAM.value })}`
    const member: Member = { plan: { user, docName, url }, ws: null as unknown as Member['ws'], clientId: nextClientId++, clock: 0, room: 0, status: '', seen: new Map(), probe: false }
    await connectMember(member, unused, { syncStep: false, onClose: () => closedSockets++ })
    const writer = { member, state: { ...initialPresence(user, loadUserName(index), 'bot'), room: options.rooms[i % options.rooms.length]! }, sentAt: 0 }
    sendWhole(writer)
    writers.push(writer)
  }
  setInterval(() => {
    const now = Date.now()
    for (const writer of writers) if (now - writer.sentAt >= RENEW_AFTER_MS) sendWhole(writer)
  }, RENEW_AFTER_MS / 4)
  let next = 0
  const toggleNext = () => toggleMic(writers[next++ % writers.length]!)
  return {
    members: writers.map((writer) => [writer.member.clientId, writer.member.plan.user]),
    async oneAtATime(count, gapMs) {
      for (let i = 0; i < count; i++) {
        toggleNext()
        await new Promise((resolve) => setTimeout(resolve, gapMs))
      }
      return count
    },
    atRate(perSecond, ms) {
      return new Promise((resolve) => {
        const start = performance.now()
        let changes = 0
        const timer = setInterval(() => {
          const elapsed = Math.min(performance.now() - start, ms)
          const due = Math.min(Math.floor((elapsed * perSecond) / 1000), changes + writers.length)
          for (; changes < due; changes++) toggleNext()
          if (elapsed < ms) return
          clearInterval(timer)
          resolve({ changes, perSecond: changes / ((performance.now() - start) / 1000), closedSockets })
        }, TICK_MS)
      })
    },
  }
}

function send(writer: Writer, frame: Uint8Array): void {
  const { ws } = writer.member
  if (ws.readyState === ws.OPEN) ws.send(frame)
  writer.sentAt = Date.now()
}

function sendWhole(writer: Writer): void {
  const { member } = writer
  member.clock++
  send(writer, encodeAwareness(encodeAwarenessEntries([{ clientId: member.clientId, clock: member.clock, state: writer.state }])))
}

function toggleMic(writer: Writer): void {
  const { member } = writer
  writer.state = { ...writer.state, mic: !writer.state.mic }
  member.clock++
  send(writer, encodePresenceDeltas([{ clientId: member.clientId, clock: member.clock, steps: 1, changes: [{ key: 'mic', value: writer.state.mic }] }]))
}

/** The child's side: opens the writers on `open`, then runs each command; the parent ends it by disconnecting. */
function serve(): void {
  let sockets: WriterSockets | null = null
  process.on('message', (raw: unknown) => {
    const reply = async (): Promise<unknown> => {
      const command = writersCommandSchema.parse(raw)
      if (command.cmd === 'open') return (sockets = await openWriterSockets(command.options)).members
      if (!sockets) throw new Error('writers: not open')
      return command.cmd === 'oneAtATime' ? sockets.oneAtATime(command.count, command.gapMs) : sockets.atRate(command.perSecond, command.ms)
    }
    reply().then(
      (value) => process.send!({ ok: true, value }),
      (error: Error) => process.send!({ ok: false, error: error.message }),
    )
  })
  process.on('disconnect', () => process.exit(0))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) serve()
