// The room options menu by keyboard (issue 12, WAI-ARIA menu button): Enter or Space opens it with the focus
// on its first item, Escape closes it with the focus back on its button; a click leaves the focus on the button.
import { expect, test } from './fixtures'

for (const key of ['Enter', 'Space'] as const) {
  test(`${key} on Room options opens it on its first item, and Escape returns to the button`, async ({ hallway }) => {
    const ada = await hallway.open('ada', 'Ada Lovelace', 'admin')
    const kitchen = ada.getByRole('region', { name: 'Kitchen' })
    const options = kitchen.getByRole('button', { name: 'Room options' })
    await options.focus()
    await ada.keyboard.press(key)
    await expect(options).toHaveAttribute('aria-expanded', 'true')
    await expect(kitchen.getByRole('button', { name: 'Rename' })).toBeFocused()
    await ada.keyboard.press('ArrowDown')
    await expect(kitchen.getByRole('button', { name: 'Kind and capacity…' })).toBeFocused()
    await ada.keyboard.press('Escape')
    await expect(options).toHaveAttribute('aria-expanded', 'false')
    await expect(options).toBeFocused()
  })
}

test('a click on Room options opens it with the focus still on the button', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace', 'admin')
  const kitchen = ada.getByRole('region', { name: 'Kitchen' })
  const options = kitchen.getByRole('button', { name: 'Room options' })
  await options.click()
  await expect(kitchen.getByRole('button', { name: 'Rename' })).toBeVisible()
  await expect(options).toBeFocused()
})
