// What the office bench's longest task was, from a Chromium trace of its load minute: the page's
// main-thread task with the most wall time, its thread (CPU) time beside it, the collector's pauses
// inside it, and its self CPU by kind. A long task observer sees only wall time: on the shared 2-core
// machine a task can run long because the page was not on a core, which says nothing of the page.
import type { CDPSession } from 'playwright-core'
import { isGarbageCollection, selfCpuByKind, TASKS, type TraceEvent, type TraceThread } from './office-paint-trace'

/** Tasks and their work on every thread, V8's collector in detail, script entry points. */
export const LONG_TASK_TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-v8.gc', 'v8.execute', 'blink.user_timing']

/** The budget a task's time is held to (issue 12). */
export const LONG_TASK_BUDGET_MS = 50

export interface TracedTask {
  /** Wall time (the long task observer's measure) and the main thread's CPU time in it, ms. */
  wallMs: number
  cpuMs: number
  /** Main-thread time inside the task spent in the collector (its pauses, nested phases counted once), ms. */
  gcMs: number
  /** The outermost collector events inside it, longest first (e.g. "MajorGC 31.2 ms"). */
  gcEvents: { name: string; ms: number }[]
  /** CPU time every traced browser thread (all processes: page, worker, compositor, GPU…) ran in its wall time, ms: what the browser took of the cores meanwhile. */
  browserCpuMs: number
  /** Its self CPU by kind (script run, style, layout, garbage collection…), largest first. */
  kinds: { kind: string; ms: number }[]
  /** What made it long: see causeOf. */
  cause: TaskCause
}

/**
 * `descheduled`: its CPU time is within the budget, so the wall time past it was the page off a core
 * (the machine); `garbage collection`: over the budget in CPU, at least half of it the collector;
 * `page work`: over the budget in CPU, mostly the page's own work; `within budget`: neither clock over.
 */
export type TaskCause = 'within budget' | 'descheduled' | 'garbage collection' | 'page work'

export interface LongTaskTrace {
  /** The page's main-thread task with the longest wall time, and the one with the most CPU time (often the same). */
  longestWall: TracedTask | null
  longestCpu: TracedTask | null
  /** Main-thread tasks over the budget: on the wall, and in CPU. */
  overBudgetWall: number
  overBudgetCpu: number
  /** The browser dropped trace data (a buffer filled): the figures may miss a task. */
  dataLost: boolean
}

export function causeOf(task: { wallMs: number; cpuMs: number; gcMs: number }): TaskCause {
  if (task.cpuMs > LONG_TASK_BUDGET_MS) return task.gcMs * 2 >= task.cpuMs ? 'garbage collection' : 'page work'
  return task.wallMs > LONG_TASK_BUDGET_MS ? 'descheduled' : 'within budget'
}

/** The renderer main thread (CrRendererMain) that ran the most tasks: the page's, where other renderers sit idle. */
export function pageMainThread(events: readonly TraceEvent[]): TraceThread | null {
  const mains = new Set(events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`))
  const tasks = new Map<string, number>()
  for (const event of events) {
    const key = `${event.pid}:${event.tid}`
    if (event.ph === 'X' && TASKS.has(event.name) && mains.has(key)) tasks.set(key, (tasks.get(key) ?? 0) + 1)
  }
  const busiest = [...tasks].sort((a, b) => b[1] - a[1])[0]
  if (!busiest) return null
  const [pid, tid] = busiest[0].split(':').map(Number)
  return { pid: pid!, tid: tid! }
}

/** Tasks on any browser thread: the scheduler's, the raster workers' and the thread pool's. */
const ANY_THREAD_TASKS = new Set([...TASKS, 'TaskGraphRunner::RunTask', 'ThreadPool_RunTask'])

/** The CPU time the browser's traced threads ran between `from` and `to` (µs): each thread's outermost tasks, a task cut by either end in proportion. */
function browserCpuBetween(events: readonly TraceEvent[], from: number, to: number): number {
  const byThread = new Map<string, TraceEvent[]>()
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined || !ANY_THREAD_TASKS.has(event.name) || event.ts >= to || event.ts + event.dur <= from) continue
    const key = `${event.pid}:${event.tid}`
    byThread.set(key, [...(byThread.get(key) ?? []), event])
  }
  let us = 0
  for (const tasks of byThread.values()) {
    for (const task of outermost(tasks)) {
      const share = task.dur! > 0 ? (Math.min(to, task.ts + task.dur!) - Math.max(from, task.ts)) / task.dur! : 1
      us += (task.tdur ?? task.dur!) * share
    }
  }
  return us
}

/** The page's longest tasks in a trace, by wall and by CPU time, each with what ran in it. */
export function longTasksOfTrace(events: readonly TraceEvent[], dataLost = false): LongTaskTrace {
  const thread = pageMainThread(events)
  const onThread = thread ? events.filter((event) => event.pid === thread.pid && event.tid === thread.tid && event.ph === 'X' && event.dur !== undefined) : []
  const tasks = onThread.filter((event) => TASKS.has(event.name))
  const cpuOf = (event: TraceEvent) => event.tdur ?? event.dur!
  const longest = (by: (event: TraceEvent) => number) => tasks.reduce<TraceEvent | null>((best, event) => (best === null || by(event) > by(best) ? event : best), null)
  const describe = (task: TraceEvent | null): TracedTask | null => {
    if (!task || !thread) return null
    const from = task.ts
    const to = task.ts + task.dur!
    const inside = onThread.filter((event) => event.ts >= from && event.ts + event.dur! <= to)
    const gc = outermost(inside.filter((event) => isGarbageCollection(event.name)))
    const gcMs = gc.reduce((sum, event) => sum + cpuOf(event), 0) / 1000
    const timed = { wallMs: task.dur! / 1000, cpuMs: cpuOf(task) / 1000, gcMs }
    return {
      ...timed,
      browserCpuMs: browserCpuBetween(events, from, to) / 1000,
      gcEvents: gc.map((event) => ({ name: event.name, ms: cpuOf(event) / 1000 })).sort((a, b) => b.ms - a.ms),
      kinds: selfCpuByKind(inside, thread, from, to).kinds,
      cause: causeOf(timed),
    }
  }
  return {
    longestWall: describe(longest((event) => event.dur!)),
    longestCpu: describe(longest(cpuOf)),
    overBudgetWall: tasks.filter((event) => event.dur! / 1000 > LONG_TASK_BUDGET_MS).length,
    overBudgetCpu: tasks.filter((event) => cpuOf(event) / 1000 > LONG_TASK_BUDGET_MS).length,
    dataLost,
  }
}

/** Of events on one thread, those not inside another of them. */
function outermost(events: readonly TraceEvent[]): TraceEvent[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
  const kept: TraceEvent[] = []
  for (const event of sorted) {
    const last = kept.at(-1)
    if (!last || event.ts >= last.ts + last.dur!) kept.push(event)
  }
  return kept
}

/** One line: the task's two clocks, its cause, the collector's share and where its CPU went. */
export function describeTracedTask(task: TracedTask): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`
  const gc = task.gcEvents.length > 0 ? `, garbage collection ${ms(task.gcMs)} (${task.gcEvents.slice(0, 3).map((event) => `${event.name} ${ms(event.ms)}`).join(', ')})` : ', no garbage collection in it'
  const kinds = task.kinds.slice(0, 5).map(({ kind, ms: spent }) => `${kind} ${ms(spent)}`).join(', ')
  return `${task.cause}: ${ms(task.wallMs)} wall, ${ms(task.cpuMs)} main-thread CPU${gc}; CPU by kind: ${kinds || 'none traced'}; all the browser's threads ran ${ms(task.browserCpuMs)} of CPU in those ${ms(task.wallMs)}`
}

/** Starts a trace of the browser (LONG_TASK_TRACE_CATEGORIES) over `cdp`; stop() ends it and hands its events over. */
export async function startLongTaskTrace(cdp: CDPSession): Promise<{ stop(): Promise<{ events: TraceEvent[]; dataLost: boolean }> }> {
  const events: TraceEvent[] = []
  const onData = ({ value }: { value: unknown[] }) => {
    for (const event of value as TraceEvent[]) events.push(event)
  }
  cdp.on('Tracing.dataCollected', onData)
  // As much as the browser can hold: a minute at 100 changes a second, with every thread's tasks, must not stop part way.
  await cdp.send('Tracing.start', { traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: LONG_TASK_TRACE_CATEGORIES }, transferMode: 'ReportEvents' })
  return {
    async stop() {
      const complete = new Promise<boolean>((done) => cdp.once('Tracing.tracingComplete', ({ dataLossOccurred }) => done(dataLossOccurred ?? false)))
      await cdp.send('Tracing.end')
      const dataLost = await complete
      cdp.off('Tracing.dataCollected', onData)
      return { events, dataLost }
    },
  }
}

