import { describe, expect, it, vi } from 'vitest'
import type { TraySummary } from '../../shared/contract/tray'
import { fakeElectron } from '../testing/fake-electron'
import { startMain } from '../testing/start-main'
import { KNOCK_ACTIONS, notifyKnocks } from './knock-notifications'

const summaryWith = (knocks: TraySummary['knocks']): TraySummary => ({
  connection: 'online',
  me: { room: 'lobby', roomName: 'Lobby', mic: true, dnd: false, callElsewhere: null },
  rooms: [{ id: 'lobby', name: 'Lobby', door: 'closed', occupants: ['Ada'] }],
  knocks,
  invitations: [],
  mentions: [],
})
const bob = { userId: 'bob', name: 'Bob', roomName: 'Lobby', at: 10 }
const cy = { userId: 'cy', name: 'Cy', roomName: 'Lobby', at: 20 }

describe('knock notifications (fake Electron)', () => {
  it('shows one notification per knock with Let in / Not now, answering the knock through the core', () => {
    const fake = fakeElectron()
    const run = vi.fn()
    const knocks = notifyKnocks(fake.electron, { run, openOffice: vi.fn() })
    knocks.update([bob, cy], true)
    knocks.update([bob, cy], true)
    expect(fake.notifications.map((n) => n.options)).toEqual([
      { title: 'Bob is knocking', body: 'On the door of Lobby.', actions: KNOCK_ACTIONS.map((text) => ({ type: 'button', text })) },
      { title: 'Cy is knocking', body: 'On the door of Lobby.', actions: KNOCK_ACTIONS.map((text) => ({ type: 'button', text })) },
    ])
    fake.notifications[0]!.press(0)
    fake.notifications[1]!.press(1)
    expect(run.mock.calls).toEqual([[{ type: 'answerKnock', userId: 'bob', admit: true }], [{ type: 'answerKnock', userId: 'cy', admit: false }]])
  })

  it('keeps a notification until its knock ends, then closes it; a knock again later is a new notification', () => {
    const fake = fakeElectron()
    const knocks = notifyKnocks(fake.electron, { run: vi.fn(), openOffice: vi.fn() })
    knocks.update([bob, cy], true)
    const [forBob, forCy] = fake.notifications
    // Answered in the office (or withdrawn, or expired): the core's next summary no longer has it.
    knocks.update([cy], true)
    expect(forBob!.closed).toBe(true)
    expect(forCy!.closed).toBe(false)

    knocks.update([cy, { ...bob, at: 30 }], true)
    expect(fake.notifications).toHaveLength(3)
    knocks.close()
    expect(fake.notifications.map((n) => n.closed)).toEqual([true, true, true])
  })

  it('focuses the office on a click, and forgets a notification the person closed without showing it again', async () => {
    const main = await startMain()
    const core = main.forked[0]!
    core.emit('message', { type: 'tray', summary: summaryWith([bob]) })
    const focusedBefore = main.window.focused
    main.notifications[0]!.emit('click')
    expect(main.window.focused).toBe(focusedBefore + 1)

    core.emit('message', { type: 'tray', summary: summaryWith([bob, cy]) })
    main.notifications[1]!.emit('close')
    core.emit('message', { type: 'tray', summary: summaryWith([bob, cy]) })
    expect(main.notifications.map((n) => n.options.title)).toEqual(['Bob is knocking', 'Cy is knocking'])
  })

  it('names the app for Windows notifications with the installer\'s app id, and only on Windows', async () => {
    expect((await startMain(undefined, { platform: 'win32' })).lifecycle.appUserModelId).toBe('app.hallway.desktop')
    expect((await startMain(undefined, { platform: 'darwin' })).lifecycle.appUserModelId).toBeNull()
  })
})
