// In-page and in-worker probes for the office bench (bench only: nothing in the product records these).
import type { RenderBatch } from './office-pairing'

/** What the page probes hold; times are epoch milliseconds (timeOrigin + now) unless named `…Ms`. */
export interface PageProbes {
  /** The first frame showing rooms and faces has been painted (the first task after its animation frame). */
  firstFace: number | null
  workerCreated: number | null
  booted: number | null
  firstView: number | null
  /** While recording (`__benchRecord(true)`): every MutationObserver callback, each record with the face it is in. */
  renders: RenderBatch[]
  /** While recording: every view patch the page read from its view port, and when (read in Node with micSightingsOf). */
  patchesRead: RecordedMessage[]
}

/** A message a probe kept as it passed (epoch ms), for Node to read afterwards. */
export interface RecordedMessage {
  at: number
  message: unknown
}

/**
 * Installed before the page's own scripts: the first frame with rooms and faces, the core worker's
 * creation and boot, the first message on a MessagePort (the view port), and, while recording, every DOM mutation:
 * which face it is in (null: none) and, for a face's data-mic, its new value, and every view patch read from the port.
 */
export const PAGE_PROBES = `
  const at = () => performance.timeOrigin + performance.now()
  const bench = window.__bench = { firstFace: null, workerCreated: null, booted: null, firstView: null, renders: [], patchesRead: [] }
  new MutationObserver((records, observer) => {
    if (!document.querySelector('[role="region"]') || !document.querySelector('.face')) return
    observer.disconnect()
    // The frame drawing them runs after this animation-frame callback; a task posted there runs once it is painted.
    // At the top priority: the page queues its own work for after that frame (the rest of the faces, the core's
    // worker), and a plain message would wait behind it, timing that work instead of the frame.
    requestAnimationFrame(() => {
      scheduler.postTask(() => { bench.firstFace = at() }, { priority: 'user-blocking' })
    })
  }).observe(document, { subtree: true, childList: true })
  const touched = (record) => {
    const node = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement
    const face = node?.closest('.face')
    const entry = { member: face?.dataset.member ?? null, what: [record.type, record.attributeName ?? '', node?.tagName ?? '', node?.getAttribute('class') ?? ''].join(' ') }
    if (record.attributeName === 'data-mic') entry.mic = record.target.hasAttribute('data-mic')
    return entry
  }
  let recorder = null
  window.__benchRecord = (on) => {
    recorder?.disconnect()
    recorder = on ? new MutationObserver((records) => { const now = at(); bench.renders.push({ at: now, records: records.map(touched) }) }) : null
    recorder?.observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
  }
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
    const value = data.get.call(this)
    if (this.target instanceof MessagePort) {
      if (bench.firstView === null) bench.firstView = at()
      if (recorder !== null && value?.type === 'patch' && bench.patchesRead.at(-1)?.message !== value) bench.patchesRead.push({ at: at(), message: value })
    }
    return value
  } })
`

/**
 * Evaluated in the core's worker once it runs: while `__frames.on`, keeps every binary message the
 * core's socket hands over and when (epoch ms), before the core decodes it, and every view patch
 * the core posts to the page, as it posts it; the bench reads them afterwards, so recording costs
 * the core a timestamp and a push.
 */
export const WORKER_FRAME_RECORDER = `(() => {
  const recorder = self.__frames = { on: false, frames: [], patchesPosted: [] }
  const post = MessagePort.prototype.postMessage
  MessagePort.prototype.postMessage = function (message, ...rest) {
    if (recorder.on && message?.type === 'patch') recorder.patchesPosted.push({ at: performance.timeOrigin + performance.now(), message })
    return post.call(this, message, ...rest)
  }
  const data = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data')
  Object.defineProperty(MessageEvent.prototype, 'data', { ...data, get() {
    const value = data.get.call(this)
    if (recorder.on && value instanceof ArrayBuffer && this.target instanceof WebSocket && recorder.frames.at(-1)?.bytes !== value) {
      recorder.frames.push({ at: performance.timeOrigin + performance.now(), bytes: value })
    }
    return value
  } })
})()`

/** In the worker: stops recording and hands over the presence messages (awareness, delta) and view patches recorded; starts over. */
export function takeRecordedFrames(): { frames: { at: number; bytes: number[] }[]; patchesPosted: RecordedMessage[] } {
  const recorder = (self as unknown as { __frames: { on: boolean; frames: { at: number; bytes: ArrayBuffer }[]; patchesPosted: RecordedMessage[] } }).__frames
  recorder.on = false
  const frames = recorder.frames.map(({ at, bytes }) => ({ at, bytes: Array.from(new Uint8Array(bytes)) })).filter(({ bytes }) => bytes[0] === 1 || bytes[0] === 100)
  const patchesPosted = recorder.patchesPosted
  recorder.frames = []
  recorder.patchesPosted = []
  return { frames, patchesPosted }
}
