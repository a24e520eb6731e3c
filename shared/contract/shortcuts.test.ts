import { describe, expect, it } from 'vitest'
import { MUTE_SHORTCUT, muteShortcutProblem, readMuteShortcutState } from './shortcuts'

describe('mute shortcut rules', () => {
  it('takes one key with a modifier besides Shift', () => {
    for (const good of [MUTE_SHORTCUT, 'Control+Alt+T', 'Super+F5', 'Alt+Shift+/', 'CommandOrControl+Alt+Shift+Space', 'Alt+`', 'Control+Return']) {
      expect([good, muteShortcutProblem(good)]).toEqual([good, null])
    }
  })

  it('refuses a bare key, Shift alone, two keys, unknown names, repeats and anything not a string', () => {
    expect(muteShortcutProblem('M')).toMatch(/Hold Ctrl, Alt/)
    expect(muteShortcutProblem('Shift+M')).toMatch(/Hold Ctrl, Alt/)
    expect(muteShortcutProblem('F5')).toMatch(/Hold Ctrl, Alt/)
    expect(muteShortcutProblem('Alt+M+K')).toBe('That is not a shortcut.')
    expect(muteShortcutProblem('Alt+Alt+K')).toBe('That is not a shortcut.')
    expect(muteShortcutProblem('Hyper+K')).toBe('That is not a shortcut.')
    expect(muteShortcutProblem('Alt+Escape')).toMatch(/Use a letter/)
    expect(muteShortcutProblem('Alt+m')).toMatch(/Use a letter/)
    expect(muteShortcutProblem('Alt+F25')).toMatch(/Use a letter/)
    expect(muteShortcutProblem('Alt+')).toMatch(/Use a letter/)
    for (const bad of ['', 'Alt+K'.repeat(20), 42, null, undefined, ['Alt', 'K'], { accelerator: 'Alt+K' }]) expect(muteShortcutProblem(bad)).toBe('That is not a shortcut.')
  })

  it('reads only well-formed answers from main', () => {
    expect(readMuteShortcutState({ accelerator: 'Alt+K', registered: true, taken: null })).toEqual({ accelerator: 'Alt+K', registered: true, taken: null })
    expect(readMuteShortcutState({ accelerator: 'Alt+K', registered: true, taken: 'Super+K' })).toEqual({ accelerator: 'Alt+K', registered: true, taken: 'Super+K' })
    for (const bad of [null, 'Alt+K', { accelerator: 'K', registered: true, taken: null }, { accelerator: 'Alt+K', registered: 'yes', taken: null }, { accelerator: 'Alt+K', registered: true, taken: 'K' }, { accelerator: 'Alt+K', registered: true }]) {
      expect(readMuteShortcutState(bad)).toBeNull()
    }
  })
})
