import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TraySummary } from '../../shared/contract/tray'
import type { FakeMenu } from '../testing/fake-electron'
import { startMain } from '../testing/start-main'
import { LEAVE_CONFIRM_TIMEOUT_MS } from './quit-order'

const inLobby: TraySummary = {
  connection: 'online',
  me: { room: 'lobby', roomName: 'Lobby', mic: true, dnd: false, callElsewhere: null },
  rooms: [{ id: 'lobby', name: 'Lobby', door: 'open', occupants: ['Ada'] }],
  knocks: [],
  invitations: [],
  mentions: [],
}
const CALL_WINDOW = 'app://hallway/media/host/index.html'
const callWindows = (fake: Awaited<ReturnType<typeof startMain>>) => fake.windows().filter((window) => window.loadedUrl === CALL_WINDOW)

beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())

describe('quit order (fake Electron)', () => {
  it('holds the exit until the core has confirmed its leave, then ends the core, the tray and the call window', async () => {
    const fake = await startMain()
    const core = fake.forked[0]!
    core.emit('message', { type: 'tray', summary: inLobby })
    expect(callWindows(fake)).toHaveLength(1)

    fake.electron.app.quit()
    expect(fake.lifecycle.exited).toBe(false)
    expect(core.received.map((r) => r.message)).toContainEqual({ type: 'quit' })
    expect(callWindows(fake)[0]!.isDestroyed()).toBe(true)
    expect(core.killed).toBe(false)

    // A summary sent before the leave took effect must not bring the call window back.
    core.emit('message', { type: 'tray', summary: inLobby })
    expect(callWindows(fake)).toHaveLength(1)

    core.emit('message', { type: 'ready-to-quit' })
    expect(fake.lifecycle.exited).toBe(true)
    expect(core.killed).toBe(true)
    expect(fake.trays[0]!.destroyed).toBe(true)
    expect(fake.shortcuts.size).toBe(0)
  })

  it('asks the core once however often the person quits, and goes anyway when the core does not answer in time', async () => {
    const fake = await startMain()
    const core = fake.forked[0]!
    fake.electron.app.quit()
    fake.electron.app.quit()
    expect(core.received.filter((r) => JSON.stringify(r.message) === '{"type":"quit"}')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(LEAVE_CONFIRM_TIMEOUT_MS - 1)
    expect(fake.lifecycle.exited).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(fake.lifecycle.exited).toBe(true)
    expect(core.killed).toBe(true)
    expect(fake.log).toHaveBeenCalledWith(`main: the core did not confirm its leave within ${LEAVE_CONFIRM_TIMEOUT_MS} ms; quitting anyway`)

    // A late answer changes nothing.
    const quitsBefore = fake.quits.length
    core.emit('message', { type: 'ready-to-quit' })
    expect(fake.quits).toHaveLength(quitsBefore)
  })
})

describe('commands while the core restarts (fake Electron)', () => {
  it('queues what the tray, the call window and links ask while the core is down, and delivers it to the replacement in order', async () => {
    const fake = await startMain()
    fake.forked[0]!.emit('message', { type: 'tray', summary: inLobby })
    fake.childGone({ type: 'Utility', reason: 'crashed', name: 'Hallway core' })

    ;(fake.trays[0]!.menu as FakeMenu).click('Mute')
    callWindows(fake)[0]!.closeByPerson()
    fake.openUrl('hallway://room/T1/den')
    await vi.advanceTimersByTimeAsync(0)
    expect(fake.forked).toHaveLength(1)

    await vi.advanceTimersByTimeAsync(500)
    expect(fake.forked).toHaveLength(2)
    expect(fake.forked[1]!.received.map((r) => r.message)).toEqual([
      { type: 'command', command: { type: 'setMic', on: false } },
      { type: 'command', command: { type: 'leaveRoom' } },
      { type: 'command', command: { type: 'enterRoom', roomId: 'den' } },
    ])
  })
})
