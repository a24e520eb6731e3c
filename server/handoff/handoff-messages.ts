import { checkTokenClaims, type TokenClaims } from '../../shared/contract/token-claims'
import { FAIL, array, boolean, integer, nullable, object, oneOf, text, type Check } from '../../shared/contract/value-checks'

/**
 * What the keeper (keeper.ts) and its workers say over node's IPC channel during a live hand-over.
 * A `member` and a `listen` message carry a socket (node passes its descriptor along); everything
 * else is plain JSON. The channel is this server's own processes, but a message is still read as
 * any value: a successor built from other code must refuse what it cannot read, not misread it.
 */
export type KeeperToWorker =
  /** Accept on the socket that comes with this message (a successor gets it once every member is handed over). */
  | { kind: 'listen' }
  /** Hand every member to the successor the keeper started, then exit. */
  | { kind: 'hand-over' }

export type WorkerToKeeper =
  /** Started: store open, nothing accepted yet. */
  | { kind: 'ready' }
  | HandedDoc
  | HandedMember
  | HandOverDone

/** A document whose members follow: what they hold of it, and the presence states it showed them. */
export type HandedDoc = {
  kind: 'doc'
  name: string
  /** The document's state vector when the members stopped being read (base64): what each of them holds. */
  stateVector: string
  /** Every presence state of the document, with the member (its `key`) that controls it, if any on this node. */
  states: { clientId: number; clock: number; state: unknown; owner: number | null }[]
  /** How many `member` messages of this document follow. */
  members: number
}

/** One member's socket (carried with the message), and what its admission established. */
export type HandedMember = {
  kind: 'member'
  /** Unique within one hand-over: names the member in its document's `states`. */
  key: number
  doc: string
  claims: TokenClaims
  presenceDeltas: boolean
  readMarkers: boolean
  /** Bytes of the member's next frame already read off the socket (base64). */
  head: string
}

export type HandOverDone = {
  kind: 'handed'
  docs: number
  members: number
  /** Members not at a frame boundary or with writes still queued: closed with 1012 instead (they reconnect). */
  reconnecting: number
}

export const HANDOFF_WORKER_ENV = 'HALLWAY_HANDOFF_WORKER'

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const base64: Check<string> = (value) => (typeof value === 'string' && BASE64.test(value) ? value : FAIL)
const anyValue: Check<unknown> = (value) => value
const claims: Check<TokenClaims> = (value) => checkTokenClaims(value) ?? FAIL
const CLIENT_ID_MAX = 2 ** 32 - 1

const checkDoc = object<HandedDoc>({
  kind: oneOf('doc'),
  name: text(1, 512),
  stateVector: base64,
  states: array(object({ clientId: integer(0, CLIENT_ID_MAX), clock: integer(0), state: anyValue, owner: nullable(integer(0)) })),
  members: integer(0),
})

const checkMember = object<HandedMember>({
  kind: oneOf('member'),
  key: integer(0),
  doc: text(1, 512),
  claims,
  presenceDeltas: boolean,
  readMarkers: boolean,
  head: base64,
})

const checkDone = object<HandOverDone>({ kind: oneOf('handed'), docs: integer(0), members: integer(0), reconnecting: integer(0) })
const checkKeeperMessage = object<{ kind: KeeperToWorker['kind'] }>({ kind: oneOf('listen', 'hand-over') })

/** A message from a worker, or null for anything else. */
export function readWorkerMessage(value: unknown): WorkerToKeeper | null {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined
  const checked = kind === 'ready' ? { kind: 'ready' as const } : kind === 'doc' ? checkDoc(value) : kind === 'member' ? checkMember(value) : kind === 'handed' ? checkDone(value) : FAIL
  return checked === FAIL ? null : checked
}

/** A message from the keeper, or null for anything else. */
export function readKeeperMessage(value: unknown): KeeperToWorker | null {
  const checked = checkKeeperMessage(value)
  return checked === FAIL ? null : (checked as KeeperToWorker)
}
