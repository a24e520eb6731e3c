import { For } from 'solid-js'
import { ThemeIcon } from './icons'
import { ThemeChoice, chooseTheme, theme } from './theme'

const labels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' }

/** "Theme: System / Light / Dark", kept on this device only. */
export function ThemeSelect() {
  return (
    <label class="theme-select">
      <ThemeIcon />
      <span class="theme-select-label">Theme</span>
      <select value={theme()} onChange={(event) => chooseTheme(ThemeChoice.parse(event.currentTarget.value))}>
        <For each={ThemeChoice.options}>{(choice) => <option value={choice}>{labels[choice]}</option>}</For>
      </select>
    </label>
  )
}
