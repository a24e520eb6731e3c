import { parseDocName } from '../../shared/contract/doc-names'
import { checkTokenClaims, type TokenClaims } from '../../shared/contract/token-claims'
import { FAIL, array, boolean, integer, nullable, object, oneOf, type Check } from '../../shared/contract/value-checks'

/**
 * What a worker and the process that started it say over node's IPC channel (`--hand-over`, see
 * keeper.ts). The keeper starts the first worker; each worker starts its own successor at a
 * deploy and hands it everything over that channel. A `listen` and a `member` message carry a
 * socket (node passes its descriptor along); everything else is plain JSON. The channel is this
 * server's own processes, but a message is still read as any value: a successor built from other
 * code must refuse what it cannot read, not misread it.
 */
export type ToWorker =
  /**
   * The listening socket comes with it. The keeper's first worker listens at once; a successor
   * once the hand-over's end (`handed`) has come and every member it brought is taken over.
   */
  | { kind: 'listen' }
  | HandedDoc
  | HandedMember
  | HandOverDone

/** Started: store open, nothing accepted yet. */
export type ToParent = { kind: 'ready' }

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

/** The hand-over's end: nothing follows, and the process before exits. */
export type HandOverDone = {
  kind: 'handed'
  docs: number
  members: number
  /** Members not at a frame boundary or with writes still queued: closed with 1012 instead (they reconnect). */
  reconnecting: number
}

/** Set for a worker: `first` (the keeper's) or `successor` (started by the worker before it). */
export const HANDOFF_WORKER_ENV = 'HALLWAY_HANDOFF_WORKER'
export type WorkerRole = 'first' | 'successor'

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const base64: Check<string> = (value) => (typeof value === 'string' && BASE64.test(value) ? value : FAIL)
const anyValue: Check<unknown> = (value) => value
const claims: Check<TokenClaims> = (value) => checkTokenClaims(value) ?? FAIL
const CLIENT_ID_MAX = 2 ** 32 - 1

/** A document name the server serves (shared/contract/doc-names.ts), not any string. */
const docName: Check<string> = (value) => (typeof value === 'string' && parseDocName(value) !== null ? value : FAIL)

const checkDoc = object<HandedDoc>({
  kind: oneOf('doc'),
  name: docName,
  stateVector: base64,
  states: array(object({ clientId: integer(0, CLIENT_ID_MAX), clock: integer(0), state: anyValue, owner: nullable(integer(0)) })),
  members: integer(0),
})

const checkMember = object<HandedMember>({
  kind: oneOf('member'),
  key: integer(0),
  doc: docName,
  claims,
  presenceDeltas: boolean,
  readMarkers: boolean,
  head: base64,
})

const checkDone = object<HandOverDone>({ kind: oneOf('handed'), docs: integer(0), members: integer(0), reconnecting: integer(0) })

/** A message to a worker, or null for anything else. */
export function readToWorker(value: unknown): ToWorker | null {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined
  const checked = kind === 'listen' ? { kind: 'listen' as const } : kind === 'doc' ? checkDoc(value) : kind === 'member' ? checkMember(value) : kind === 'handed' ? checkDone(value) : FAIL
  if (checked === FAIL) return null
  // As admission has it: a member's token opens only its own team's documents.
  if (checked.kind === 'member' && parseDocName(checked.doc)!.teamId !== checked.claims.team) return null
  return checked
}

/** Whether a message from a started worker says it is ready. */
export function isReady(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'ready'
}
