import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import { fakeFrame, FakeWebContents } from '../testing/fake-electron'
import { OFFICE_URL, startMainBeforeReady } from '../testing/start-main'

// Electron's globalShortcut is the fake's (no Electron binary here): a map of accelerators to
// callbacks in which an entry put there first stands for another app holding that shortcut.
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

async function mainWith(setup: { saved?: string; heldByOthers?: string[] } = {}) {
  const userData = await mkdtemp(join(tmpdir(), 'hallway-shortcut-'))
  dirs.push(userData)
  if (setup.saved !== undefined) await writeFile(join(userData, 'mute-shortcut'), setup.saved)
  const main = startMainBeforeReady()
  main.paths.userData = userData
  for (const accelerator of setup.heldByOthers ?? []) main.shortcuts.set(accelerator, () => {})
  await main.becomeReady()
  await Promise.resolve()
  const office = { sender: main.windows()[0]!.webContents, senderFrame: fakeFrame(OFFICE_URL) }
  const inRoom = { connection: 'online', me: { room: 'lobby', roomName: 'Lobby', mic: true, dnd: false, callElsewhere: null }, rooms: [], knocks: [], invitations: [], mentions: [] }
  main.forked[0]!.emit('message', { type: 'tray', summary: inRoom })
  const micCommands = () => main.forked[0]!.received.filter((r) => JSON.stringify(r.message).includes('setMic')).length
  return { ...main, userData, office, micCommands }
}

describe('the global mute shortcut (fake Electron)', () => {
  it('moves to the shortcut Settings picks: the old one lets go, the new one mutes, and the next start keeps it', async () => {
    const main = await mainWith()
    expect(await main.invokeIpc(IpcChannel.getMuteShortcut, main.office)).toEqual({ accelerator: 'CommandOrControl+Shift+M', registered: true, taken: null })

    expect(await main.invokeIpc(IpcChannel.setMuteShortcut, main.office, 'CommandOrControl+Alt+K')).toEqual({ accelerator: 'CommandOrControl+Alt+K', registered: true, taken: null })
    expect([...main.shortcuts.keys()]).toEqual(['CommandOrControl+Alt+K'])
    main.shortcuts.get('CommandOrControl+Alt+K')!()
    expect(main.micCommands()).toBe(1)
    expect(await readFile(join(main.userData, 'mute-shortcut'), 'utf8')).toBe('CommandOrControl+Alt+K')

    const next = await mainWith({ saved: 'CommandOrControl+Alt+K' })
    expect(await next.invokeIpc(IpcChannel.getMuteShortcut, next.office)).toEqual({ accelerator: 'CommandOrControl+Alt+K', registered: true, taken: null })
    expect([...next.shortcuts.keys()]).toEqual(['CommandOrControl+Alt+K'])
  })

  it('keeps the old shortcut working when another app holds the one picked, and says which', async () => {
    const main = await mainWith({ heldByOthers: ['Control+Alt+T'] })
    expect(await main.invokeIpc(IpcChannel.setMuteShortcut, main.office, 'Control+Alt+T')).toEqual({ accelerator: 'CommandOrControl+Shift+M', registered: true, taken: 'Control+Alt+T' })
    main.shortcuts.get('CommandOrControl+Shift+M')!()
    expect(main.micCommands()).toBe(1)
    await expect(readFile(join(main.userData, 'mute-shortcut'), 'utf8')).rejects.toThrow()
  })

  it('says the saved shortcut does nothing when another app held it at start, and takes it once free', async () => {
    const main = await mainWith({ saved: 'Super+Alt+M', heldByOthers: ['Super+Alt+M'] })
    expect(await main.invokeIpc(IpcChannel.getMuteShortcut, main.office)).toEqual({ accelerator: 'Super+Alt+M', registered: false, taken: null })
    expect(main.log).toHaveBeenCalledWith(expect.stringContaining('Super+Alt+M is taken by another app'))
    main.shortcuts.delete('Super+Alt+M')
    expect(await main.invokeIpc(IpcChannel.setMuteShortcut, main.office, 'Super+Alt+M')).toEqual({ accelerator: 'Super+Alt+M', registered: true, taken: null })
    main.shortcuts.get('Super+Alt+M')!()
    expect(main.micCommands()).toBe(1)
  })

  it('refuses foreign pages and anything but one shortcut, and a saved file that is not one falls back to the default', async () => {
    const main = await mainWith({ saved: 'rm -rf /' })
    expect(main.log).toHaveBeenCalledWith(expect.stringContaining('does not hold a shortcut'))
    expect([...main.shortcuts.keys()]).toEqual(['CommandOrControl+Shift+M'])
    const stranger = { sender: new FakeWebContents(), senderFrame: fakeFrame('https://evil.example/') }
    await expect(main.invokeIpc(IpcChannel.setMuteShortcut, stranger, 'CommandOrControl+Alt+K')).rejects.toThrow('not asked by a Hallway page')
    await expect(main.invokeIpc(IpcChannel.getMuteShortcut, stranger)).rejects.toThrow('not asked by a Hallway page')
    for (const bad of [['M'], ['Shift+M'], ['CommandOrControl+Shift+M', 'extra'], [42], ['CommandOrControl+Nope'], [{ accelerator: 'Alt+K' }], []]) {
      await expect(main.invokeIpc(IpcChannel.setMuteShortcut, main.office, ...bad)).rejects.toThrow('not one shortcut')
    }
    expect([...main.shortcuts.keys()]).toEqual(['CommandOrControl+Shift+M'])
  })
})
