import { describe, expect, it } from 'vitest'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import { fakeFrame, FakeWebContents } from '../testing/fake-electron'
import { OFFICE_URL, startMain } from '../testing/start-main'

describe('start at login (fake Electron)', () => {
  it('is off until the office turns it on, and sets the OS login item on macOS and Windows', async () => {
    for (const platform of ['darwin', 'win32']) {
      const main = await startMain(undefined, { platform })
      const office = { sender: main.window.webContents, senderFrame: fakeFrame(OFFICE_URL) }
      expect(await main.invokeIpc(IpcChannel.getStartAtLogin, office)).toEqual({ supported: true, on: false })
      expect(await main.invokeIpc(IpcChannel.setStartAtLogin, office, true)).toEqual({ supported: true, on: true })
      expect(main.loginItem.openAtLogin).toBe(true)
      expect(await main.invokeIpc(IpcChannel.setStartAtLogin, office, false)).toEqual({ supported: true, on: false })
      expect(main.loginItem.openAtLogin).toBe(false)
    }
  })

  it('refuses foreign pages and anything but one on/off choice, and is not offered on Linux', async () => {
    const main = await startMain(undefined, { platform: 'darwin' })
    const office = { sender: main.window.webContents, senderFrame: fakeFrame(OFFICE_URL) }
    const stranger = { sender: new FakeWebContents(), senderFrame: fakeFrame('https://evil.example/') }
    await expect(main.invokeIpc(IpcChannel.setStartAtLogin, stranger, true)).rejects.toThrow('not asked by a Hallway page')
    await expect(main.invokeIpc(IpcChannel.getStartAtLogin, stranger)).rejects.toThrow('not asked by a Hallway page')
    await expect(main.invokeIpc(IpcChannel.setStartAtLogin, office, 'yes')).rejects.toThrow('not one on/off choice')
    await expect(main.invokeIpc(IpcChannel.setStartAtLogin, office, true, true)).rejects.toThrow('not one on/off choice')
    expect(main.loginItem.openAtLogin).toBe(false)

    const linux = await startMain(undefined, { platform: 'linux' })
    const linuxOffice = { sender: linux.window.webContents, senderFrame: fakeFrame(OFFICE_URL) }
    expect(await linux.invokeIpc(IpcChannel.getStartAtLogin, linuxOffice)).toEqual({ supported: false, on: false })
    await expect(linux.invokeIpc(IpcChannel.setStartAtLogin, linuxOffice, true)).rejects.toThrow('no login items')
    expect(linux.loginItem.openAtLogin).toBe(false)
  })
})
