// Status emoji are the app's own images, the same on every machine (issue "A person's first day", item 11).
import { expect, test } from './fixtures'

test('a status emoji picked by keyboard from the shipped set reaches the other member as the same shipped symbol, named', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: /^Join/ }).click()

  await ada.setViewportSize({ width: 800, height: 600 })
  await bob.setViewportSize({ width: 1440, height: 900 })
  await ada.getByRole('button', { name: 'Set status' }).click()
  const dialog = ada.getByRole('dialog', { name: 'Set status' })
  await dialog.getByRole('textbox', { name: 'Status', exact: true }).fill('Back in 10')
  // One radio group: focus lands on the checked choice, arrows move the choice.
  const picker = dialog.getByRole('group', { name: 'Emoji' })
  await expect(picker.getByRole('radio', { name: 'None' })).toBeChecked()
  await picker.getByRole('radio', { name: 'None' }).focus()
  for (const name of ['Calendar', 'Focus', 'Headphones', 'Coffee']) {
    await ada.keyboard.press('ArrowRight')
    await expect(picker.getByRole('radio', { name })).toBeChecked()
  }
  await expect(picker.getByRole('radio', { name: 'Coffee' })).toBeFocused()
  await ada.screenshot({ path: test.info().outputPath('status-emoji-picker-800x600.png') })
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toHaveCount(0)

  // On the face: the shipped symbol drawn as a badge from its own file (no font, no atlas fragment), named in the face's description.
  const adaOnBobs = bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Ada Lovelace', exact: true })
  await expect(adaOnBobs.getByRole('img')).toHaveAccessibleDescription(/Status: Coffee, Back in 10\./)
  await expect.poll(() => adaOnBobs.evaluate((face) => getComputedStyle(face, '::before').backgroundImage)).toMatch(/\/emoji-coffee[-.][^/#"]*png"\)/)
  const adaOnOwn = ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Ada Lovelace', exact: true })
  await expect(adaOnOwn.getByRole('img')).toHaveAccessibleDescription(/Status: Coffee, Back in 10\./)
  await ada.screenshot({ path: test.info().outputPath('status-emoji-own-800x600.png') })
  await bob.screenshot({ path: test.info().outputPath('status-emoji-seen-by-bob-1440x900.png') })
})
