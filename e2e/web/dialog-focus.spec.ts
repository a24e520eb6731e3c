// Every dialog opens with the focus on a control (issue 12): at 380 px Settings is taller than the window,
// and Chromium put the focus on its scrolling area, outlined in black, instead of its first control.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/** The focused element's role in the open dialog: "control", "not a control" or "outside the dialog". */
const focusInDialog = (page: Page) =>
  page.evaluate(() => {
    const focused = document.activeElement
    if (!focused?.closest('dialog[open]')) return 'outside the dialog'
    return focused.matches('input, select, textarea, button, a[href]') ? 'control' : `not a control: ${focused.tagName}.${focused.className}`
  })

for (const [width, height] of [
  [380, 800],
  [1440, 900],
] as const) {
  test(`at ${width}×${height} Settings (Ctrl+Comma or its button) and Find a person open on a control`, async ({ hallway }) => {
    const ada = await hallway.open('ada', 'Ada Lovelace')
    await ada.setViewportSize({ width, height })
    await expect(ada.getByRole('heading', { level: 1, name: hallway.teamName })).toBeVisible()
    const settings = ada.getByRole('dialog', { name: 'Settings' })

    await ada.keyboard.press('Control+Comma')
    await expect(settings).toBeVisible()
    await expect.poll(() => focusInDialog(ada)).toBe('control')
    await ada.keyboard.press('Escape')
    await expect(settings).toHaveCount(0)

    await ada.getByRole('button', { name: 'Settings' }).click()
    await expect(settings).toBeVisible()
    await expect.poll(() => focusInDialog(ada)).toBe('control')
    await settings.getByRole('button', { name: 'Done' }).click()
    await expect(settings).toHaveCount(0)

    await ada.keyboard.press('Control+K')
    await expect(ada.getByRole('dialog', { name: 'Find a person' })).toBeVisible()
    await expect.poll(() => focusInDialog(ada)).toBe('control')
  })
}
