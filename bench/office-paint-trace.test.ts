import { describe, expect, it } from 'vitest'
import { breakdownOf, longestTaskAfter, type TraceEvent } from './office-paint-trace'

const main = { pid: 1, tid: 7 }
const span = (name: string, fromMs: number, durMs: number, where = main): TraceEvent => ({ name, ph: 'X', ts: fromMs * 1000, dur: durMs * 1000, ...where })
const navigation: TraceEvent = { name: 'navigationStart', ph: 'R', ts: 1000_000, ...main, args: { data: { isLoadingMainFrame: true, documentLoaderURL: 'http://x/' } } }

describe('breakdownOf', () => {
  it('counts nested work once, under its innermost kind, from navigation to the paint, on the navigating thread only (wall time where no CPU time is given)', () => {
    const events = [
      { ...navigation, ts: 900_000, args: { data: { isLoadingMainFrame: true, documentLoaderURL: 'http://earlier/' } } },
      navigation,
      span('RunTask', 995, 10), // straddles navigation: only its 5 ms after count
      span('RunTask', 1010, 50),
      span('v8.evaluateModule', 1012, 40),
      span('MinorGC', 1020, 5),
      span('RunTask', 1070, 20),
      span('Paint', 1075, 10),
      span('RunTask', 1070, 20, { pid: 1, tid: 9 }), // another thread
      span('RunTask', 1095, 30), // past the paint at 100 ms: 5 ms count
    ]
    const breakdown = breakdownOf(events, 100)
    expect(Object.fromEntries(breakdown.kinds.map(({ kind, ms }) => [kind, ms]))).toEqual({
      'script run': 35,
      'garbage collection': 5,
      paint: 10,
      'other task work': 5 + 10 + 10 + 5,
    })
    expect(breakdown.idleMs).toBe(100 - (5 + 50 + 20 + 5))
  })

  it('counts CPU (thread) time where the trace gives it, not the wall time a busy machine stretched', () => {
    const events = [navigation, { ...span('RunTask', 1000, 50), tdur: 20_000 }, { ...span('Layout', 1010, 30), tdur: 12_000 }]
    const breakdown = breakdownOf(events, 100)
    expect(Object.fromEntries(breakdown.kinds.map(({ kind, ms }) => [kind, ms]))).toEqual({ layout: 12, 'other task work': 8 })
    expect(breakdown.idleMs).toBe(50)
  })

  it('says so when the trace holds no main-frame navigation', () => {
    expect(() => breakdownOf([span('RunTask', 0, 1)], 10)).toThrow(/navigationStart/)
  })
})

describe('longestTaskAfter', () => {
  it('picks the main thread\'s task with the most thread time among those begun after the given time, and gives its wall time too', () => {
    const events = [
      navigation,
      { ...span('RunTask', 1050, 90), tdur: 80_000 }, // before the first face at 100 ms
      { ...span('RunTask', 1110, 60), tdur: 20_000 }, // long on the wall, short on the CPU
      { ...span('ThreadControllerImpl::RunTask', 1200, 40), tdur: 35_000 }, // the name this Chromium gives a task
      { ...span('RunTask', 1300, 70), tdur: 65_000, pid: 1, tid: 9 }, // another thread
      span('FunctionCall', 1400, 45), // not a task
    ]
    expect(longestTaskAfter(events, 100)).toEqual({ wallMs: 40, cpuMs: 35 })
    expect(longestTaskAfter(events, 400)).toEqual({ wallMs: 0, cpuMs: 0 })
  })
})
