// In-page and in-worker probes for the office bench (bench only: nothing in the product records these).
import { PRESENCE_DELTA_MESSAGE } from '../shared/contract/presence-delta'

/** What the page probes hold; times are epoch milliseconds (timeOrigin + now) unless named `…Ms`. */
export interface PageProbes {
  firstFace: number | null
  longest: number
  workerCreated: number | null
  booted: number | null
  firstView: number | null
  /** Every `data-mic` rewrite on a face: which member, when the page's observer saw it. */
  micChanges: { member: string; at: number }[]
}

/**
 * Installed before the page's own scripts: the first face, every long task, the core worker's
 * creation and boot, the first message on a MessagePort (the view port), and every face's mic change.
 */
export const PAGE_PROBES = `
  const at = () => performance.timeOrigin + performance.now()
  const bench = window.__bench = { firstFace: null, longest: 0, workerCreated: null, booted: null, firstView: null, micChanges: [] }
  new MutationObserver((records, observer) => {
    if (document.querySelector('.face')) { bench.firstFace = at(); observer.disconnect() }
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
 * Evaluated in the core's worker once it runs: stamps every presence-delta message the instant the
 * core's socket hands it over (a remote member's mic change arrives as one), before any decoding.
 */
export const WORKER_RECEIPT_PROBE = `(() => {
  const receipts = self.__receipts = []
  const data = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data')
  Object.defineProperty(MessageEvent.prototype, 'data', { ...data, get() {
    const value = data.get.call(this)
    if (this.target instanceof WebSocket && value instanceof ArrayBuffer && new Uint8Array(value)[0] === ${PRESENCE_DELTA_MESSAGE}) {
      receipts.push(performance.timeOrigin + performance.now())
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
