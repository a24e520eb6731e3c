import { afterEach, describe, expect, it, vi } from 'vitest'
import type { UpdateStatus } from '../../shared/contract/updates'
import { chooseUpdateChannel, restartToUpdate, updateLine, updateStatus } from './update-status'

const at = (state: UpdateStatus['state']): UpdateStatus => ({ channel: 'stable', state })
const NOW = new Date(2026, 11, 3, 14, 0).getTime()

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the office update line', () => {
  it('says nothing while idle or checking, shows download progress, offers Restart now when ready, and waits out a call', () => {
    expect(updateLine(at({ kind: 'idle' }), NOW)).toBeNull()
    expect(updateLine(at({ kind: 'checking' }), NOW)).toBeNull()
    expect(updateLine(at({ kind: 'downloading', percent: 42.7, bytesPerSecond: 2_500_000 }), NOW)).toEqual({ text: 'Downloading an update… 42%, 2.5 MB/s', progress: 42.7 })
    expect(updateLine(at({ kind: 'downloading', percent: 3, bytesPerSecond: 80_000 }), NOW)!.text).toBe('Downloading an update… 3%, 80 kB/s')
    expect(updateLine(at({ kind: 'downloading', percent: 0, bytesPerSecond: 0 }), NOW)!.text).toBe('Downloading an update… 0%')
    expect(updateLine(at({ kind: 'ready', version: '1.4.0', restartWhenCallEnds: false }), NOW)).toEqual({ text: 'Hallway 1.4.0 is ready.', offerRestart: true })
    expect(updateLine(at({ kind: 'ready', version: '1.4.0', restartWhenCallEnds: true }), NOW)).toEqual({ text: 'Hallway 1.4.0 installs when your call ends.' })
  })

  it('says why an update failed and when it tries again', () => {
    const retryAt = new Date(2026, 11, 3, 14, 5).getTime()
    expect(updateLine(at({ kind: 'error', message: 'the update server answered 503', retryAt }), NOW, 'en-GB')).toEqual({
      text: "Couldn't update Hallway (the update server answered 503). Trying again at 14:05.",
    })
  })

  it('takes only statuses that match the contract from the preload, in the order they came, and sends Restart now and the channel through it', async () => {
    const bridge = { watch: vi.fn<(listener: (status: unknown) => void) => void>(), restartNow: vi.fn(), setChannel: vi.fn() }
    vi.stubGlobal('window', { hallway: { updates: bridge } })
    expect(updateStatus()).toBeNull()
    expect(bridge.watch).toHaveBeenCalledTimes(1)
    const send = bridge.watch.mock.calls[0]![0]

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    // The check loads with the first status: each status is applied once it is there.
    send({ channel: 'nightly', state: { kind: 'idle' } })
    send({ channel: 'stable', state: { kind: 'downloading', percent: 140, bytesPerSecond: 1 } })
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(2))
    expect(updateStatus()).toBeNull()
    send(at({ kind: 'checking' }))
    send(at({ kind: 'ready', version: '1.4.0', restartWhenCallEnds: false }))
    send({ channel: 'stable', state: { kind: 'ready' } })
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(3))
    expect(updateStatus()).toEqual(at({ kind: 'ready', version: '1.4.0', restartWhenCallEnds: false }))
    expect(bridge.watch).toHaveBeenCalledTimes(1)

    restartToUpdate()
    chooseUpdateChannel('beta')
    expect(bridge.restartNow).toHaveBeenCalledTimes(1)
    expect(bridge.setChannel).toHaveBeenCalledWith('beta')
  })
})
