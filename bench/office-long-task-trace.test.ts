import { describe, expect, it } from 'vitest'
import { causeOf, describeTracedTask, longTasksOfTrace, pageMainThread } from './office-long-task-trace'
import type { TraceEvent } from './office-paint-trace'

const page = { pid: 1, tid: 7 }
const idleRenderer = { pid: 2, tid: 7 }
const worker = { pid: 1, tid: 9 }
const threadName = (where: { pid: number; tid: number }, name: string): TraceEvent => ({ name: 'thread_name', ph: 'M', ts: 0, ...where, args: { name } })
const span = (name: string, fromMs: number, durMs: number, cpuMs = durMs, where = page): TraceEvent => ({ name, ph: 'X', ts: fromMs * 1000, dur: durMs * 1000, tdur: cpuMs * 1000, ...where })
const task = (fromMs: number, durMs: number, cpuMs = durMs, where = page) => span('ThreadControllerImpl::RunTask', fromMs, durMs, cpuMs, where)
const names = [threadName(page, 'CrRendererMain'), threadName(idleRenderer, 'CrRendererMain'), threadName(worker, 'DedicatedWorker thread')]

describe('pageMainThread', () => {
  it('is the renderer main thread that ran the most tasks, not another renderer\'s or a worker\'s', () => {
    const events = [...names, task(0, 1), task(2, 1), task(0, 1, 1, idleRenderer), task(0, 1, 1, worker), task(2, 1, 1, worker), task(4, 1, 1, worker)]
    expect(pageMainThread(events)).toEqual(page)
    expect(pageMainThread([task(0, 1)])).toBeNull()
  })
})

describe('longTasksOfTrace', () => {
  it('names a task long on the wall but short on the CPU as the machine\'s (descheduled), and counts it over budget on the wall only', () => {
    const raster = { pid: 1, tid: 11 }
    const events = [
      ...names,
      task(0, 10),
      task(100, 68, 6),
      span('FunctionCall', 101, 60, 5),
      task(300, 40, 39),
      task(60, 80, 40, worker), // half of it inside the long task: 20 ms
      span('ThreadPool_RunTask', 110, 10, 8, raster),
      span('TaskGraphRunner::RunTask', 111, 8, 7, raster), // inside the pool's task: counted once
    ]
    const trace = longTasksOfTrace(events)
    expect(trace.longestWall).toMatchObject({ wallMs: 68, cpuMs: 6, gcMs: 0, gcEvents: [], cause: 'descheduled', browserCpuMs: 6 + 20 + 8 })
    expect(trace.longestWall!.kinds).toEqual([
      { kind: 'script run', ms: 5 },
      { kind: 'other task work', ms: 1 },
    ])
    expect(trace.longestCpu).toMatchObject({ wallMs: 40, cpuMs: 39, cause: 'within budget' })
    expect([trace.overBudgetWall, trace.overBudgetCpu]).toEqual([1, 0])
  })

  it('names a task whose CPU is over budget, at least half of it the collector, garbage collection, counting nested phases once', () => {
    const events = [
      ...names,
      task(0, 80, 70),
      span('FunctionCall', 1, 75, 68),
      span('MajorGC', 10, 40, 36),
      span('V8.GC_MARK_COMPACTOR', 11, 38, 35),
      span('V8.GC_MC_MARK', 12, 20, 20),
      span('MinorGC', 60, 2, 2),
      span('MajorGC', 90, 30, 30), // after the task
    ]
    const trace = longTasksOfTrace(events)
    expect(trace.longestWall).toMatchObject({ wallMs: 80, cpuMs: 70, gcMs: 38, cause: 'garbage collection' })
    expect(trace.longestWall!.gcEvents).toEqual([
      { name: 'MajorGC', ms: 36 },
      { name: 'MinorGC', ms: 2 },
    ])
    expect(trace.longestWall!.kinds[0]).toEqual({ kind: 'garbage collection', ms: 38 })
    expect(trace.longestWall!.kinds.find(({ kind }) => kind === 'script run')!.ms).toBeCloseTo(68 - 38)
    expect([trace.overBudgetWall, trace.overBudgetCpu]).toEqual([1, 1])
  })

  it('says nothing was traced when no renderer main thread ran a task, and keeps the data-loss flag', () => {
    expect(longTasksOfTrace([task(0, 60, 60, worker)], true)).toEqual({ longestWall: null, longestCpu: null, overBudgetWall: 0, overBudgetCpu: 0, dataLost: true })
  })
})

describe('causeOf', () => {
  it('holds the CPU to the budget first, then the wall', () => {
    expect(causeOf({ wallMs: 120, cpuMs: 60, gcMs: 10 })).toBe('page work')
    expect(causeOf({ wallMs: 60, cpuMs: 60, gcMs: 30 })).toBe('garbage collection')
    expect(causeOf({ wallMs: 60, cpuMs: 50, gcMs: 50 })).toBe('descheduled')
    expect(causeOf({ wallMs: 50, cpuMs: 50, gcMs: 0 })).toBe('within budget')
  })
})

describe('describeTracedTask', () => {
  it('gives both clocks, the cause and the collector\'s share in one line', () => {
    const line = describeTracedTask({ wallMs: 68, cpuMs: 6.04, gcMs: 0, gcEvents: [], browserCpuMs: 30, kinds: [{ kind: 'script run', ms: 5 }], cause: 'descheduled' })
    expect(line).toBe('descheduled: 68.0 ms wall, 6.0 ms main-thread CPU, no garbage collection in it; CPU by kind: script run 5.0 ms; all the browser\'s threads ran 30.0 ms of CPU in those 68.0 ms')
  })
})
