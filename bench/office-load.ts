// The office bench's load minutes (issue 12's "100 remote presence changes per second for 60 s: no
// long task over 50 ms"): each minute the writers toggle mics at the rate while the page's long tasks
// are observed, the page's main thread is watched in the kernel's scheduler figures, and (unless
// told otherwise) the browser is traced, so the longest task comes with its CPU time and its cause.
import { writeFile } from 'node:fs/promises'
import type { BrowserContext, Page } from 'playwright-core'
import { describeLongest, type LongTasks } from './office-long-tasks'
import { describeTracedTask, LONG_TASK_BUDGET_MS, longTasksOfTrace, startLongTaskTrace, type LongTaskTrace } from './office-long-task-trace'
import { watchRendererRunQueue, type RunQueue } from './office-run-queue'
import type { RateResult } from './office-writers'
import type { Writers } from './office-writers-process'
import type { Figure } from './presence'

const CHANGES_PER_SECOND = 100
const LOAD_SECONDS = 60
/** Load minutes in a row: the longest task varies from minute to minute, so one minute proves little. */
export const LOAD_RUNS = Number(process.env.OFFICE_BENCH_LOAD_RUNS ?? 3)
if (!Number.isInteger(LOAD_RUNS) || LOAD_RUNS < 1) throw new Error(`OFFICE_BENCH_LOAD_RUNS must be a whole number of minutes, at least 1 (got ${process.env.OFFICE_BENCH_LOAD_RUNS})`)
/** `every` (the default) traces each minute; `alternate` only the odd ones, to measure what tracing itself costs the page. */
const TRACING = process.env.OFFICE_BENCH_LOAD_TRACING ?? 'every'
if (TRACING !== 'every' && TRACING !== 'alternate') throw new Error(`OFFICE_BENCH_LOAD_TRACING must be every or alternate (got ${TRACING})`)

const isTraced = (minute: number) => TRACING === 'every' || minute % 2 === 0

/** A load minute: mic changes sent, the long tasks the page observed, its trace (null: not traced) and its main thread's run queue. */
export interface LoadMinute {
  load: RateResult
  tasks: LongTasks
  trace: LongTaskTrace | null
  runQueue: RunQueue | null
}

export interface LoadOptions {
  /** Writes the first minute's trace there (Chrome's JSON trace format). */
  tracePath?: string
  /** Profiles the page's main thread over the first minute (see profilePage). */
  profile?: (minute: number) => Promise<{ stop(): Promise<void> } | null>
  /** After each minute, e.g. the heap after GC. */
  after?: (minute: number) => Promise<void>
}

/** Runs the load minutes on `page` (the long-task probe installed), one after another. */
export async function runLoadMinutes(context: BrowserContext, page: Page, writers: Writers, options: LoadOptions = {}): Promise<LoadMinute[]> {
  const minutes: LoadMinute[] = []
  const tracing = await context.newCDPSession(page)
  try {
    for (let minute = 0; minute < LOAD_RUNS; minute++) {
      const trace = isTraced(minute) ? await startLongTaskTrace(tracing) : null
      const profiled = await options.profile?.(minute)
      const runQueue = watchRendererRunQueue()
      await longTasksOf(page, true)
      const load = await writers.atRate(CHANGES_PER_SECOND, LOAD_SECONDS * 1000)
      const tasks = await longTasksOf(page, false)
      const ran = runQueue.stop()
      await profiled?.stop()
      const traced = await trace?.stop()
      if (traced && minute === 0 && options.tracePath) await writeFile(options.tracePath, JSON.stringify({ traceEvents: traced.events }))
      minutes.push({ load, tasks, trace: traced ? longTasksOfTrace(traced.events, traced.dataLost) : null, runQueue: ran })
      await options.after?.(minute)
    }
  } finally {
    await tracing.detach()
  }
  return minutes
}

/** The page's long tasks since the last reset (see office-long-tasks.ts); `reset` starts over. */
const longTasksOf = (page: Page, reset: boolean) => page.evaluate((reset) => (window as unknown as { __benchLongTasks(reset: boolean): LongTasks }).__benchLongTasks(reset), reset)

/** The load minutes' figures; `figure` reads each from a run's minutes (NaN: not measured, e.g. no renderer found in /proc). */
export function loadFigures(figure: (name: string, unit: string, read: (minutes: readonly LoadMinute[]) => number) => Figure): Figure[] {
  const traced = (minutes: readonly LoadMinute[]) => minutes.flatMap(({ trace }) => (trace ? [trace] : []))
  return [
    ...Array.from({ length: LOAD_RUNS }, (_, minute) => {
      const at = (minutes: readonly LoadMinute[]) => minutes[minute]!
      // An untraced minute has no trace rows: a NaN would read as a result.
      const traceRows = isTraced(minute)
        ? [
            figure('… longest main-thread task in the trace, wall', 'ms', (m) => at(m).trace?.longestWall?.wallMs ?? NaN),
            figure('… that task\'s main-thread CPU (under 50 ms: the machine, not the page)', 'ms', (m) => at(m).trace?.longestWall?.cpuMs ?? NaN),
            figure('… most main-thread CPU in one task', 'ms', (m) => at(m).trace?.longestCpu?.cpuMs ?? NaN),
          ]
        : []
      return [
        figure(`remote mic changes per second over ${LOAD_SECONDS} s (target ${CHANGES_PER_SECOND}), minute ${minute + 1} of ${LOAD_RUNS}${isTraced(minute) ? '' : ', untraced'}`, 'changes/s', (m) => at(m).load.perSecond),
        figure('… writer sockets the server closed by its end', 'sockets', (m) => at(m).load.closedSockets),
        // Chromium reports only tasks over 50 ms as long tasks: 0 means there was none.
        figure('… longest long task during that minute (0: none over 50 ms)', 'ms', (m) => at(m).tasks.longest),
        ...traceRows,
        figure('… page main thread over the minute: CPU (kernel schedstat)', 'ms', (m) => at(m).runQueue?.cpuMs ?? NaN),
        figure('… page main thread over the minute: runnable, waiting for a core', 'ms', (m) => at(m).runQueue?.waitMs ?? NaN),
      ]
    }).flat(),
    figure(`longest long task over the ${LOAD_RUNS} minutes (budget 50 ms; 0: none over 50 ms)`, 'ms', (m) => Math.max(...m.map(({ tasks }) => tasks.longest))),
    figure(`… most main-thread CPU in one task over the traced minutes`, 'ms', (m) => Math.max(...traced(m).map((trace) => trace.longestCpu?.cpuMs ?? NaN))),
    figure('… traced main-thread tasks over 50 ms: wall', 'tasks', (m) => traced(m).reduce((sum, trace) => sum + trace.overBudgetWall, 0)),
    figure('… traced main-thread tasks over 50 ms: CPU', 'tasks', (m) => traced(m).reduce((sum, trace) => sum + trace.overBudgetCpu, 0)),
  ]
}

/** Prints each load minute's longest task and what made it long, and, over the budget, what ran in its frame (the long-animation-frame probe). */
export function printLongestTasks(runs: Record<string, readonly LoadMinute[]>): void {
  for (const [name, minutes] of Object.entries(runs)) {
    minutes.forEach(({ tasks, trace, runQueue }, minute) => {
      const where = `office, ${name}, load minute ${minute + 1}`
      const ran = runQueue ? `; its main thread ran ${Math.round(runQueue.cpuMs)} ms of CPU and waited ${Math.round(runQueue.waitMs)} ms for a core over the minute` : ''
      const lost = trace?.dataLost ? ' (the trace lost data: a task may be missing)' : ''
      const longest = trace === null ? 'not traced' : trace.longestWall ? describeTracedTask(trace.longestWall) : 'none traced'
      console.log(`${where}, longest traced task${lost}: ${longest}${ran}`)
      if (tasks.longest > LONG_TASK_BUDGET_MS) console.log(`${where}, its frame: ${describeLongest(tasks)}`)
    })
  }
}
