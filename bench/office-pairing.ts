// Pairs each remote mic change the core received (socket frames recorded in its worker) with the
// DOM rewrite of that member's face (recorded by a MutationObserver in the page), and checks that
// a render caused by such a change touched no other member's nodes. Pure: the office bench feeds it.
import { decodeMessage, MalformedMessage } from '../server/sync/protocol'
import { percentile } from './fanout/stats'

/** A binary socket message as the core's worker received it (epoch ms). */
export interface ReceivedFrame {
  at: number
  bytes: Uint8Array
}

/** A writer's mic change, as the core received it. */
export interface MicReceipt {
  member: string
  mic: boolean
  at: number
}

/** One MutationObserver record: whose face it is in (null: outside every face), what changed. */
export interface TouchedNode {
  member: string | null
  /** The face's `data-mic` was rewritten: whether it is now set. */
  mic?: boolean
  what: string
}

/** One MutationObserver callback: the records of one render, seen at `at` (epoch ms). */
export interface RenderBatch {
  at: number
  records: TouchedNode[]
}

/**
 * The mic changes of the writers (`clientId → member`) in the frames. A presence delta that names
 * `mic` is a change; a whole state is one only when its mic differs from the last one this client
 * was seen with (else it is a renewal, or the state the core already had).
 */
export function micReceipts(frames: readonly ReceivedFrame[], writers: ReadonlyMap<number, string>): MicReceipt[] {
  const lastMic = new Map<number, boolean>()
  const receipts: MicReceipt[] = []
  for (const { at, bytes } of [...frames].sort((a, b) => a.at - b.at)) {
    for (const { clientId, mic, delta } of micFieldsOf(bytes)) {
      const member = writers.get(clientId)
      if (member === undefined) continue
      const known = lastMic.get(clientId)
      if (delta || (known !== undefined && known !== mic)) receipts.push({ member, mic, at })
      lastMic.set(clientId, mic)
    }
  }
  return receipts
}

function micFieldsOf(bytes: Uint8Array): { clientId: number; mic: boolean; delta: boolean }[] {
  let message
  try {
    message = decodeMessage(bytes)
  } catch (error) {
    if (error instanceof MalformedMessage) return []
    throw error
  }
  if (message.type === 'presenceDelta') {
    return message.deltas.flatMap(({ clientId, changes }) => {
      const mic = changes.find((change) => change.key === 'mic')
      return mic && typeof mic.value === 'boolean' ? [{ clientId, mic: mic.value, delta: true }] : []
    })
  }
  if (message.type === 'awareness') {
    return message.entries.flatMap(({ clientId, state }) => {
      const mic = (state as { mic?: unknown } | null)?.mic
      return typeof mic === 'boolean' ? [{ clientId, mic, delta: false }] : []
    })
  }
  return []
}

/** A receipt and when its face showed it (epoch ms). */
export interface PairedChange extends MicReceipt {
  domAt: number
}

export interface Pairing {
  /** DOM time minus receipt time, per paired change, in receipt order. */
  latencies: number[]
  /** The paired changes themselves, in receipt order. */
  paired: PairedChange[]
  /** Receipts whose face never showed that mic value before the member's next receipt. */
  unpaired: number
}

/**
 * Each receipt takes the first rewrite of that member's face to that mic value after it and
 * before the member's next receipt. Members toggle, so consecutive receipts of one member want
 * opposite values and a rewrite cannot be claimed twice.
 */
export function pairReceipts(receipts: readonly MicReceipt[], batches: readonly RenderBatch[]): Pairing {
  const rewrites = new Map<string, { at: number; mic: boolean }[]>()
  for (const batch of [...batches].sort((a, b) => a.at - b.at)) {
    for (const record of batch.records) {
      if (record.member === null || record.mic === undefined) continue
      const list = rewrites.get(record.member) ?? []
      list.push({ at: batch.at, mic: record.mic })
      rewrites.set(record.member, list)
    }
  }
  const sorted = [...receipts].sort((a, b) => a.at - b.at)
  const paired: PairedChange[] = []
  let unpaired = 0
  sorted.forEach((receipt, index) => {
    const next = sorted.slice(index + 1).find((later) => later.member === receipt.member)?.at ?? Infinity
    const rewrite = rewrites.get(receipt.member)?.find((r) => r.mic === receipt.mic && r.at >= receipt.at && r.at < next)
    if (rewrite) paired.push({ ...receipt, domAt: rewrite.at })
    else unpaired++
  })
  return { latencies: paired.map(({ at, domAt }) => domAt - at), paired, unpaired }
}

/** A member's mic value in a view patch, where one hop between the core and the DOM saw it (epoch ms). */
export interface MicSighting {
  member: string
  mic: boolean
  at: number
}

/** Where a paired change's time went, per hop, in milliseconds. */
export interface Hops {
  /** Core receipt → the core posting the view patch (decode, apply, derive the view, diff). */
  core: number
  /** Posted → read by the page's view port (the message crossing threads, and the page's task queue). */
  transfer: number
  /** Read by the page → the face's DOM rewrite (check, store, Solid's effects, the DOM). */
  page: number
}

/**
 * The hops of each paired change whose patch was seen posted (in the worker) and read (in the
 * page): each hop takes the first sighting of that member's mic value at or after the previous
 * hop and no later than the DOM rewrite. A change with a hop unseen is left out.
 */
export function hopsOf(paired: readonly PairedChange[], posted: readonly MicSighting[], read: readonly MicSighting[]): Hops[] {
  const firstAfter = (sightings: readonly MicSighting[], change: PairedChange, from: number) =>
    sightings.find((seen) => seen.member === change.member && seen.mic === change.mic && seen.at >= from && seen.at <= change.domAt)?.at
  const byTime = (sightings: readonly MicSighting[]) => [...sightings].sort((a, b) => a.at - b.at)
  const [postedInOrder, readInOrder] = [byTime(posted), byTime(read)]
  return paired.flatMap((change) => {
    const postedAt = firstAfter(postedInOrder, change, change.at)
    const readAt = postedAt === undefined ? undefined : firstAfter(readInOrder, change, postedAt)
    if (postedAt === undefined || readAt === undefined) return []
    return [{ core: postedAt - change.at, transfer: readAt - postedAt, page: change.domAt - readAt }]
  })
}

/** The mic values a view patch sets (`members/<id>/mic`): what the bench looks for at each hop. */
export function micSightingsOf(message: unknown, at: number): MicSighting[] {
  const ops = (message as { type?: unknown; ops?: unknown } | null)?.type === 'patch' ? (message as { ops: unknown }).ops : null
  if (!Array.isArray(ops)) return []
  return ops.flatMap((op: { op?: unknown; path?: unknown; value?: unknown }) => {
    const path = op.path
    const isMic = op.op === 'set' && Array.isArray(path) && path.length === 3 && path[0] === 'members' && path[2] === 'mic'
    return isMic && typeof path[1] === 'string' && typeof op.value === 'boolean' ? [{ member: path[1], mic: op.value, at }] : []
  })
}

/** The renders that rewrote some face's mic: a mic change's doing (a render without one, a clock tick, is not). */
export function micRenders(batches: readonly RenderBatch[]): RenderBatch[] {
  return batches.filter(({ records }) => records.some((record) => record.mic !== undefined))
}

/** Records, in renders that rewrote a mic, that touched a node outside the faces of the members whose mic that render rewrote. */
export function foreignTouches(batches: readonly RenderBatch[]): TouchedNode[] {
  return micRenders(batches).flatMap(({ records }) => {
    const changed = new Set(records.filter((record) => record.mic !== undefined).map((record) => record.member))
    return records.filter((record) => record.member === null || !changed.has(record.member))
  })
}

/** Nearest-rank p50, p99 and the maximum of unsorted values; NaN for none (not measured, not 0). */
export function latencySummary(values: readonly number[]): { p50: number; p99: number; max: number } {
  if (values.length === 0) return { p50: NaN, p99: NaN, max: NaN }
  const sorted = [...values].sort((a, b) => a - b)
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1]! }
}
