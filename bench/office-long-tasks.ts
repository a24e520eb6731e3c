// The office bench's long-task probe: the longest task the page ran while the office changed, and
// what ran in it, from the long-animation-frame entry that holds it (scripts with their invoker,
// function and source, style and layout, render), so an over-budget figure says what to look at.

/** One script a long animation frame ran (PerformanceScriptTiming, trimmed to what names it). */
export interface FrameScript {
  invoker: string
  invokerType: string
  sourceFunctionName: string
  sourceURL: string
  sourceCharPosition: number
  duration: number
  forcedStyleAndLayoutDuration: number
}

/** A long animation frame: its start and length, when rendering and style/layout began (0: none), and its scripts. */
export interface LongFrame {
  startTime: number
  duration: number
  renderStart: number
  styleAndLayoutStart: number
  scripts: FrameScript[]
}

/** A message a MessagePort listener (the view port's) took long over: its kind, size and first paths. */
export interface SlowMessage {
  at: number
  ms: number
  type: string
  ops: number
  paths: string[]
}

export interface LongTasks {
  /** The longest task (0: none over 50 ms) and when it began (page time). */
  longest: number
  longestAt: number
  /** The long animation frames over 50 ms, the longest few kept. */
  frames: LongFrame[]
  /** The messages port listeners took longest over, the longest few kept. */
  messages: SlowMessage[]
}

/** Frames and messages kept: the longest task lies in one of the longest frames. */
const KEPT = 20

/** Installed before the page's scripts: keeps the longest task and the longest frames; `__benchLongTasks(true)` starts over. */
export const LONG_TASK_PROBE = `(() => {
  const empty = () => ({ longest: 0, longestAt: 0, frames: [], messages: [] })
  let state = empty()
  window.__benchLongTasks = (reset) => {
    const now = state
    if (reset) state = empty()
    return now
  }
  const keep = (list, item) => {
    list.push(item)
    list.sort((a, b) => (b.duration ?? b.ms) - (a.duration ?? a.ms))
    list.length = Math.min(list.length, ${KEPT})
  }
  // Each message listener on a port, timed: the view's patches arrive on one.
  const timed = new WeakMap()
  const add = MessagePort.prototype.addEventListener
  const remove = MessagePort.prototype.removeEventListener
  MessagePort.prototype.addEventListener = function (type, listener, options) {
    if (type !== 'message' || typeof listener !== 'function') return add.call(this, type, listener, options)
    const wrapped = function (event) {
      const start = performance.now()
      try {
        return listener.call(this, event)
      } finally {
        const ms = performance.now() - start
        const data = event.data
        if (ms >= 5) keep(state.messages, { at: start, ms, type: String(data?.type), ops: Array.isArray(data?.ops) ? data.ops.length : 0, paths: Array.isArray(data?.ops) ? data.ops.slice(0, 3).map((op) => op.path.join('/')) : [] })
      }
    }
    timed.set(listener, wrapped)
    return add.call(this, type, wrapped, options)
  }
  MessagePort.prototype.removeEventListener = function (type, listener, options) {
    return remove.call(this, type, timed.get(listener) ?? listener, options)
  }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration <= state.longest) continue
      state.longest = entry.duration
      state.longestAt = entry.startTime
    }
  }).observe({ type: 'longtask', buffered: true })
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      keep(state.frames, {
        startTime: entry.startTime, duration: entry.duration, renderStart: entry.renderStart, styleAndLayoutStart: entry.styleAndLayoutStart,
        scripts: entry.scripts.map((s) => ({ invoker: s.invoker, invokerType: s.invokerType, sourceFunctionName: s.sourceFunctionName, sourceURL: s.sourceURL,
          sourceCharPosition: s.sourceCharPosition, duration: s.duration, forcedStyleAndLayoutDuration: s.forcedStyleAndLayoutDuration })),
      })
    }
  }).observe({ type: 'long-animation-frame', buffered: true })
})()`

/** The frame that holds the longest task, if one was kept. */
export function frameOfLongest(tasks: LongTasks): LongFrame | undefined {
  return tasks.frames.find((frame) => frame.startTime <= tasks.longestAt + 1 && tasks.longestAt < frame.startTime + frame.duration)
}

/**
 * One line naming what ran in the longest task's frame: each script (its invoker, function and
 * file, time and forced layout), then the rendering, and what is left (GC, microtasks outside a
 * script, the browser's own work).
 */
export function describeLongest(tasks: LongTasks): string {
  const frame = frameOfLongest(tasks)
  const ms = (value: number) => `${Math.round(value)} ms`
  if (!frame) return `${ms(tasks.longest)} task, no long animation frame recorded for it`
  const scripts = frame.scripts
    .filter((script) => script.duration >= 1)
    .map((script) => {
      const file = script.sourceURL.split('/').pop() ?? ''
      const where = [script.sourceFunctionName || '(anonymous)', file && `${file}:${script.sourceCharPosition}`].filter(Boolean).join(' ')
      const layout = script.forcedStyleAndLayoutDuration >= 1 ? `, ${ms(script.forcedStyleAndLayoutDuration)} forced layout` : ''
      return `${script.invokerType} ${script.invoker} → ${where}: ${ms(script.duration)}${layout}`
    })
  const scripted = frame.scripts.reduce((sum, script) => sum + script.duration, 0)
  const rendering = frame.renderStart > 0 ? frame.startTime + frame.duration - frame.renderStart : 0
  const styleLayout = frame.styleAndLayoutStart > 0 ? frame.startTime + frame.duration - frame.styleAndLayoutStart : 0
  const parts = [
    ...scripts,
    `rendering ${ms(rendering)} (style and layout ${ms(styleLayout)})`,
    `other ${ms(Math.max(0, frame.duration - scripted - rendering))}`,
  ]
  const messages = tasks.messages
    .filter((message) => message.at >= frame.startTime && message.at < frame.startTime + frame.duration)
    .map((message) => `${ms(message.ms)} on a ${message.type} of ${message.ops} ops (${message.paths.join(', ')}${message.ops > message.paths.length ? ', …' : ''})`)
  const handled = messages.length > 0 ? `; port messages handled in it: ${messages.join('; ')}` : ''
  return `${ms(tasks.longest)} task in a ${ms(frame.duration)} frame: ${parts.join('; ')}${handled}`
}
