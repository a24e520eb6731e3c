import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { IpcChannel } from '../../../shared/contract/ipc-channels'
import { updateStatusSchema } from '../../../shared/contract/updates'
import { fakeElectron, fakeFrame, FakeWebContents } from '../../testing/fake-electron'
import { configured, OFFICE_URL, startMain } from '../../testing/start-main'
import { summary } from '../../testing/tray-summary'
import { installsWithCleanups } from '../../testing/update-install'
import { startUpdates } from './start-updates'
import type { UpdateService } from './update-service'

const { cleanups, setUp, cleanUp } = installsWithCleanups()
afterEach(cleanUp)

const statusesTo = (contents: FakeWebContents) =>
  contents.received.filter((r) => r.channel === IpcChannel.updateStatus).map((r) => updateStatusSchema.parse(r.message))

describe('the office and the updater (fake Electron, real electron-updater on a local feed)', () => {
  it('main follows the core summary: Restart now from the office waits while I am in a call on this device, then installs', async () => {
    const install = await setUp()
    await install.publish('1.1.0', 'latest')
    const updater = install.updater()
    const main = await startMain(configured, { updater: () => updater, env: { PATH: '/bin', HALLWAY_UPDATE_FEED: install.feed.url } })
    cleanups.push(() => {
      // Quitting waits for the core to confirm its leave: the fake core confirms.
      main.electron.app.quit()
      main.forked.at(-1)?.emit('message', { type: 'ready-to-quit' })
    })
    const office = { sender: main.window.webContents, senderFrame: fakeFrame(OFFICE_URL) }
    const core = main.forked[0]!
    main.sendIpc(IpcChannel.watchUpdates, office)
    await vi.waitFor(() => expect(statusesTo(main.window.webContents).at(-1)?.state.kind).toBe('ready'))

    core.emit('message', { type: 'tray', summary: summary('lobby') })
    main.sendIpc(IpcChannel.restartToUpdate, office)
    expect(statusesTo(main.window.webContents).at(-1)).toEqual({ channel: 'stable', state: { kind: 'ready', version: '1.1.0', restartWhenCallEnds: true } })
    core.emit('message', { type: 'tray', summary: summary('kitchen') })
    expect(updater.installed).toEqual([])

    // My call moved to another device: this one is no longer in it.
    core.emit('message', { type: 'tray', summary: summary('kitchen', 'phone') })
    expect(updater.installed).toHaveLength(1)
    expect(updater.standIn.quits).toBe(1)
  })

  it('answers only our own top frames, takes only stable or beta, and remembers the channel for the next launch', async () => {
    const install = await setUp()
    writeFileSync(join(install.userData, 'update-channel'), 'nightly')
    const { electron, sendIpc } = fakeElectron()
    const log = vi.fn()
    const start = (): UpdateService => {
      const service = startUpdates(electron, { updater: install.updater(), userData: install.userData, env: { HALLWAY_UPDATE_FEED: install.feed.url }, trustedOrigins: ['app://hallway'], log })
      cleanups.push(() => service.close())
      return service
    }
    const service = start()
    expect(service.status().channel).toBe('stable')
    expect(log).toHaveBeenCalledWith(expect.stringContaining('does not name a channel'))

    const office = new FakeWebContents()
    const stranger = new FakeWebContents()
    sendIpc(IpcChannel.watchUpdates, { sender: stranger, senderFrame: fakeFrame('https://evil.example/') })
    sendIpc(IpcChannel.watchUpdates, { sender: office, senderFrame: fakeFrame(OFFICE_URL, fakeFrame('https://evil.example/')) })
    sendIpc(IpcChannel.setUpdateChannel, { sender: stranger, senderFrame: fakeFrame('https://evil.example/') }, 'beta')
    sendIpc(IpcChannel.setUpdateChannel, { sender: office, senderFrame: fakeFrame(OFFICE_URL) }, 'nightly')
    sendIpc(IpcChannel.setUpdateChannel, { sender: office, senderFrame: fakeFrame(OFFICE_URL) }, 'beta', 'extra')
    sendIpc(IpcChannel.restartToUpdate, { sender: stranger, senderFrame: null })
    expect(service.status().channel).toBe('stable')
    expect(stranger.received).toEqual([])
    expect(office.received).toEqual([])
    expect(log.mock.calls.filter(([message]) => String(message).startsWith('main: refused'))).toHaveLength(6)

    sendIpc(IpcChannel.watchUpdates, { sender: office, senderFrame: fakeFrame(OFFICE_URL) })
    expect(statusesTo(office)).toEqual([{ channel: 'stable', state: expect.anything() }])
    sendIpc(IpcChannel.setUpdateChannel, { sender: office, senderFrame: fakeFrame(OFFICE_URL) }, 'beta')
    expect(statusesTo(office).slice(1).map((status) => status.channel)).toEqual(expect.arrayContaining(['beta']))
    expect(statusesTo(office).slice(1).every((status) => status.channel === 'beta')).toBe(true)
    service.close()

    expect(start().status().channel).toBe('beta')
  })
})
