import { describe, expect, it } from 'vitest'
import type { HallwayBridge } from '../../../shared/contract/electron-bridge'
import { acceleratorLabel, acceleratorOfPress, chooseMuteShortcut, readMuteShortcut, type KeyPress } from './mute-shortcut'

const press = (code: string, held: Partial<Omit<KeyPress, 'code'>> = {}): KeyPress => ({ code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...held })

/** Stands in for the preload's bridge (no Electron here): answers as main would, or as a broken main might. */
function bridgeAnswering(set: (accelerator: string) => Promise<unknown>, get: () => Promise<unknown> = async () => null): HallwayBridge {
  return {
    platform: 'linux',
    requestCorePort: () => {},
    mediaConfig: async () => null,
    startAtLogin: { get: async () => null, set: async () => null },
    muteShortcut: { get, set },
    updates: { watch: () => {}, restartNow: () => {}, setChannel: () => {} },
    setNotificationChoices: () => {},
    uploadAvatarPhoto: async () => null,
    officeOwner: async () => null,
  }
}

describe('the mute shortcut in Settings (renderer side)', () => {
  it('writes a press as an accelerator by the key\'s place, Ctrl as CommandOrControl except on a Mac', () => {
    expect(acceleratorOfPress(press('KeyM', { ctrlKey: true, shiftKey: true }), 'linux')).toBe('CommandOrControl+Shift+M')
    expect(acceleratorOfPress(press('KeyM', { metaKey: true, shiftKey: true }), 'darwin')).toBe('CommandOrControl+Shift+M')
    expect(acceleratorOfPress(press('KeyM', { ctrlKey: true, altKey: true }), 'darwin')).toBe('Control+Alt+M')
    expect(acceleratorOfPress(press('Digit7', { metaKey: true }), 'win32')).toBe('Super+7')
    expect(acceleratorOfPress(press('Slash', { altKey: true }), 'linux')).toBe('Alt+/')
    expect(acceleratorOfPress(press('ArrowUp', { ctrlKey: true }), 'linux')).toBe('CommandOrControl+Up')
    expect(acceleratorOfPress(press('F9'), 'linux')).toBe('F9')
    // Modifiers alone, and keys no accelerator names, are not a shortcut yet.
    expect(acceleratorOfPress(press('ShiftLeft', { shiftKey: true }), 'linux')).toBeNull()
    expect(acceleratorOfPress(press('ControlLeft', { ctrlKey: true }), 'linux')).toBeNull()
    expect(acceleratorOfPress(press('Numpad5', { ctrlKey: true }), 'linux')).toBeNull()
  })

  it('labels an accelerator the way each platform writes shortcuts', () => {
    expect(acceleratorLabel('CommandOrControl+Shift+M', 'darwin')).toBe('⌘⇧M')
    expect(acceleratorLabel('CommandOrControl+Shift+M', 'linux')).toBe('Ctrl+Shift+M')
    expect(acceleratorLabel('Super+Alt+K', 'win32')).toBe('Win+Alt+K')
  })

  it('keeps only well-formed answers, and gives the member main\'s reason for a refusal', async () => {
    expect(await readMuteShortcut(undefined)).toBeNull()
    const state = { accelerator: 'Alt+K', registered: true, taken: null }
    expect(await readMuteShortcut(bridgeAnswering(async () => null, async () => state))).toEqual(state)
    expect(await readMuteShortcut(bridgeAnswering(async () => null, async () => ({ accelerator: 'K' })))).toBeNull()
    expect(await readMuteShortcut(bridgeAnswering(async () => null, async () => Promise.reject(new Error('gone'))))).toBeNull()

    expect(await chooseMuteShortcut(bridgeAnswering(async (accelerator) => ({ ...state, accelerator })), 'Alt+J')).toEqual({ ...state, accelerator: 'Alt+J' })
    const refused = new Error("Error invoking remote method 'hallway:set-mute-shortcut': Error: Hallway could not change the shortcut: the request was not one shortcut.")
    expect(await chooseMuteShortcut(bridgeAnswering(async () => Promise.reject(refused)), 'Alt+J')).toEqual({ refused: 'Hallway could not change the shortcut: the request was not one shortcut.' })
    expect(await chooseMuteShortcut(bridgeAnswering(async () => 'nonsense'), 'Alt+J')).toEqual({ refused: 'Hallway could not change the shortcut. Try again.' })
  })
})
