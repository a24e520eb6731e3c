import { For } from 'solid-js'
import { THEME_CHOICES, chooseTheme, theme, themeChoiceOf, type ThemeChoice } from '../../ui/theme'

const labels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' }

/** "Theme: System / Light / Dark", kept on this device only (a row of the Settings dialog). */
export function ThemeSelect() {
  return (
    <label class="settings-row">
      <span class="settings-row-label">Theme</span>
      <select class="settings-select" value={theme()} onChange={(event) => {
          const choice = themeChoiceOf(event.currentTarget.value)
          if (choice) chooseTheme(choice)
        }}>
        <For each={THEME_CHOICES}>{(choice) => <option value={choice}>{labels[choice]}</option>}</For>
      </select>
    </label>
  )
}
