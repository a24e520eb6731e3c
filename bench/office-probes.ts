// In-page and in-worker probes for the office bench (bench only: nothing in the product records these).
import { PRESENCE_DELTA_MESSAGE } from '../shared/contract/presence-delta'

/** y-websocket's message type for whole awareness states. */
const AWARENESS_MESSAGE = 1

/** What the page probes hold; times are epoch milliseconds (timeOrigin + now) unless named `…Ms`. */
export interface PageProbes {
  /** The first frame showing rooms and faces has been painted (the task after its animation frame). */
  firstFace: number | null
  longest: number
  workerCreated: number | null
  booted: number | null
  firstView: number | null
  /** Every `data-mic` rewrite on a face: which member, when the page's observer saw it. */
  micChanges: { member: string; at: number }[]
}

/**
 * Installed before the page's own scripts: the first frame with rooms and faces, every long task, the core worker's
 * creation and boot, the first message on a MessagePort (the view port), and every face's mic change.
 */
export const PAGE_PROBES = `
  const at = () => performance.timeOrigin + performance.now()
  const bench = window.__bench = { firstFace: null, longest: 0, workerCreated: null, booted: null, firstView: null, micChanges: [] }
  new MutationObserver((records, observer) => {
    if (!document.querySelector('[role="region"]') || !document.querySelector('.face')) return
    observer.disconnect()
    // The frame drawing them runs after this animation-frame callback; a message posted there arrives once it is painted.
    requestAnimationFrame(() => {
      const painted = new MessageChannel()
      painted.port1.onmessage = () => { bench.firstFace = at() }
      painted.port2.postMessage(null)
    })
  }).observe(document, { subtree: true, childList: true })
  new MutationObserver((records) => {
    const now = at()
    for (const record of records) bench.micChanges.push({ member: record.target.dataset.member, at: now })
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-mic'] })
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longest = Math.max(bench.longest, entry.duration)
  }).observe({ type: 'longtask', buffered: true })
  const PageWorker = window.Worker
  window.Worker = class extends PageWorker {
    constructor(url, options) {
      super(url, options)
      if (options?.name !== 'hallway-core') return
      bench.workerCreated = at()
      this.addEventListener('message', (event) => { if (event.data?.type === 'booted' && bench.booted === null) bench.booted = at() })
    }
  }
  const data = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data')
  Object.defineProperty(MessageEvent.prototype, 'data', { ...data, get() {
    if (bench.firstView === null && this.target instanceof MessagePort) bench.firstView = at()
    return data.get.call(this)
  } })
`

/**
 * Evaluated in the core's worker once it runs: stamps each remote presence change the instant the
 * core's socket hands it over, before any decoding. A change comes as a presence delta (always a
 * change) or as a whole awareness state; a whole state equal to that client's last one is a 15 s
 * renewal, not a change, and is not stamped. `seen` counts every socket message, to tell a probe
 * that saw nothing from a quiet socket.
 */
export const WORKER_RECEIPT_PROBE = `(() => {
  const probe = self.__receipts = { at: [], seen: 0 }
  const lastState = new Map()
  const text = new TextDecoder()
  const readVarUint = (bytes, cursor) => {
    let value = 0, shift = 0, byte
    do { byte = bytes[cursor.at++]; value += (byte & 127) * 2 ** shift; shift += 7 } while (byte >= 128)
    return value
  }
  const changedWhole = (bytes) => {
    const cursor = { at: 1 }
    readVarUint(bytes, cursor)
    let changed = false
    for (let count = readVarUint(bytes, cursor); count > 0; count--) {
      const client = readVarUint(bytes, cursor)
      readVarUint(bytes, cursor)
      const length = readVarUint(bytes, cursor)
      const state = text.decode(bytes.subarray(cursor.at, cursor.at + length))
      cursor.at += length
      if (lastState.get(client) !== state) changed = lastState.has(client) || changed
      lastState.set(client, state)
    }
    return changed
  }
  const data = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data')
  Object.defineProperty(MessageEvent.prototype, 'data', { ...data, get() {
    const value = data.get.call(this)
    if (this.target instanceof WebSocket && value instanceof ArrayBuffer) {
      const at = performance.timeOrigin + performance.now()
      const bytes = new Uint8Array(value)
      probe.seen++
      if (bytes[0] === ${PRESENCE_DELTA_MESSAGE} || (bytes[0] === ${AWARENESS_MESSAGE} && changedWhole(bytes))) probe.at.push(at)
    }
    return value
  } })
})()`

/**
 * Pairs each receipt with the first mic rewrite of that change: changes are sent one at a time,
 * so the first rewrite after a receipt and before the next receipt is that change's. A receipt
 * with no rewrite before the next (a delta the view ignores) is counted, not guessed at.
 */
export function changeLatencies(receipts: number[], changes: { at: number }[]): { latencies: number[]; unmatched: number } {
  const sorted = [...receipts].sort((a, b) => a - b)
  const latencies: number[] = []
  let unmatched = 0
  sorted.forEach((receipt, index) => {
    const next = sorted[index + 1] ?? Infinity
    const first = changes.find((change) => change.at >= receipt && change.at < next)
    if (first) latencies.push(first.at - receipt)
    else unmatched++
  })
  return { latencies, unmatched }
}
