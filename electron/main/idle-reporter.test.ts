import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeElectron, FakeUtilityProcess } from '../testing/fake-electron'
import { reportIdleToCore } from './idle-reporter'

afterEach(() => vi.useRealTimers())

describe('reportIdleToCore', () => {
  it('posts the OS idle time to the running core on a timer and on resume, but not while asleep or locked', () => {
    vi.useFakeTimers()
    const fake = fakeElectron()
    const core = new FakeUtilityProcess('core.js', { serviceName: 'Hallway core', env: {} })
    let running: FakeUtilityProcess | null = core
    let locked = false
    const stop = reportIdleToCore(fake.electron, () => running, () => locked, 1_000)

    fake.powerMonitor.idleSeconds = 42
    vi.advanceTimersByTime(1_000)
    fake.powerMonitor.idleSeconds = 0
    fake.powerMonitor.emit('resume')
    expect(core.received).toEqual([
      { message: { type: 'idle', idleMs: 42_000 }, transfer: [] },
      { message: { type: 'idle', idleMs: 0 }, transfer: [] },
    ])

    // A locked screen reports nothing: its short idle time must not make me present.
    locked = true
    vi.advanceTimersByTime(1_000)
    fake.powerMonitor.emit('resume')
    expect(core.received).toHaveLength(2)
    locked = false

    running = null
    vi.advanceTimersByTime(1_000)
    stop()
    running = core
    vi.advanceTimersByTime(5_000)
    expect(core.received).toHaveLength(2)
  })
})
