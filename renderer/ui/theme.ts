// The colour scheme chosen on this device. "system" leaves <html> without data-theme, so the
// stylesheet's color-scheme follows the OS; "light" or "dark" pins it (renderer/ui/base.css).
import { createSignal } from 'solid-js'
import { z } from 'zod'
import { localSetting } from './local-setting'

export const ThemeChoice = z.enum(['system', 'light', 'dark'])
export type ThemeChoice = z.infer<typeof ThemeChoice>

const setting = localSetting('hallway.theme', ThemeChoice, 'system')
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
