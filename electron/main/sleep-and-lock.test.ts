import { describe, expect, it, vi } from 'vitest'
import { startMain } from '../testing/start-main'

const sentTo = (core: { received: { message: unknown }[] }) => core.received.map((r) => r.message)

describe('sleep and screen lock (fake Electron)', () => {
  it('tells the core away on sleep or lock and back only once awake and unlocked, with no idle report in between', async () => {
    const { forked, powerMonitor } = await startMain()
    const core = forked[0]!
    powerMonitor.idleSeconds = 3
    powerMonitor.emit('lock-screen')
    powerMonitor.emit('suspend')
    // Awake on the lock screen: no one is back yet, and its short idle time is not reported.
    powerMonitor.emit('resume')
    expect(sentTo(core)).toEqual([{ type: 'away' }])

    powerMonitor.idleSeconds = 0
    powerMonitor.emit('unlock-screen')
    expect(sentTo(core)).toEqual([{ type: 'away' }, { type: 'back' }, { type: 'idle', idleMs: 0 }])
  })

  it('delivers away and back to a core that restarts meanwhile, in order', async () => {
    vi.useFakeTimers()
    const { forked, powerMonitor, childGone } = await startMain()
    childGone({ type: 'Utility', reason: 'crashed', name: 'Hallway core' })
    powerMonitor.emit('suspend')
    powerMonitor.emit('resume')
    await vi.advanceTimersByTimeAsync(500)
    vi.useRealTimers()
    expect(forked).toHaveLength(2)
    expect(sentTo(forked[1]!)).toEqual([{ type: 'away' }, { type: 'back' }])
  })
})
