// The colour scheme chosen on this device. "system" leaves <html> without data-theme, so the
// stylesheet's color-scheme follows the OS; "light" or "dark" pins it (renderer/ui/base.css).
import { createSignal } from 'solid-js'
import { FAIL, oneOf, readerOf } from '../../shared/contract/value-checks'
import { localSetting } from './local-setting'

export const THEME_CHOICES = ['system', 'light', 'dark'] as const
export type ThemeChoice = (typeof THEME_CHOICES)[number]
const checkTheme = oneOf(...THEME_CHOICES)

/** A theme choice, or null for anything else. */
export function themeChoiceOf(value: unknown): ThemeChoice | null {
  const choice = checkTheme(value)
  return choice === FAIL ? null : choice
}

const setting = localSetting('hallway.theme', readerOf(checkTheme), 'system')
const [theme, setTheme] = createSignal<ThemeChoice>(setting.read())

function apply(choice: ThemeChoice): void {
  if (choice === 'system') document.documentElement.removeAttribute('data-theme')
  else document.documentElement.setAttribute('data-theme', choice)
}

/** Called once before the first render, so a dark choice never flashes light. */
export function applySavedTheme(): void {
  apply(theme())
}

export { theme }

export function chooseTheme(choice: ThemeChoice): void {
  setting.write(choice)
  setTheme(choice)
  apply(choice)
}
