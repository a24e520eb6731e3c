import { describe, expect, it, vi } from 'vitest'
import { officeOwnerSchema } from '../../shared/contract/electron-bridge-answers'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import { fakeElectron, fakeFrame, FakeWebContents } from '../testing/fake-electron'
import { configured, OFFICE_URL, startMain } from '../testing/start-main'
import { answerOfficeOwner } from './office-owner-ipc'

const owner = { serverUrl: 'http://127.0.0.1:8787', teamId: 'T1', userId: 'u1' }

describe('hallway:office-owner: main tells the office whose office it shows, the key of its saved view', () => {
  it('answers our top frame with server, team and member, and refuses another origin, a subframe or arguments', async () => {
    const fake = fakeElectron()
    const log = vi.fn()
    answerOfficeOwner(fake.electron, { trustedOrigins: ['app://hallway'], owner: () => owner, log })
    const askFrom = (frame: ReturnType<typeof fakeFrame>, ...args: unknown[]) => fake.invokeIpc(IpcChannel.officeOwner, { sender: new FakeWebContents(), senderFrame: frame }, ...args)
    const ask = (url: string, ...args: unknown[]) => askFrom(fakeFrame(url), ...args)

    expect(officeOwnerSchema.parse(await ask(OFFICE_URL))).toEqual(owner)
    await expect(ask('https://evil.example/')).rejects.toThrow(/Only the Hallway office/)
    await expect(ask(OFFICE_URL, 'extra')).rejects.toThrow(/Only the Hallway office/)
    await expect(askFrom(fakeFrame(OFFICE_URL, fakeFrame(OFFICE_URL)))).rejects.toThrow(/Only the Hallway office/)
    expect(log).toHaveBeenCalledTimes(3)
  })

  it('is wired by main for a configured app: the member and team of the token it was started with', async () => {
    const main = await startMain(configured)
    const answer = await main.invokeIpc(IpcChannel.officeOwner, { sender: main.window.webContents, senderFrame: main.window.webContents.mainFrame })
    expect(officeOwnerSchema.parse(answer)).toEqual(owner)
  })
})
