// The Settings dialog (issue 12): this device's devices, notifications, away time, theme and
// push-to-talk key, from a header button or Ctrl+Comma, accessible in light and dark.
import { seriousViolations } from './axe'
import { expect, test } from './fixtures'

for (const colorScheme of ['light', 'dark'] as const) {
  test(`Settings opens from the header and has no serious or critical axe violation in ${colorScheme}`, async ({ hallway }) => {
    const ada = await hallway.open('ada', 'Ada Lovelace')
    await ada.emulateMedia({ colorScheme })
    await ada.getByRole('button', { name: 'Settings' }).click()
    const dialog = ada.getByRole('dialog', { name: 'Settings' })
    for (const section of ['Devices', 'Notifications', 'Away', 'Appearance', 'Push to talk']) {
      await expect(dialog.getByRole('heading', { name: section, exact: true })).toBeVisible()
    }
    // The web client has no desktop rows (global shortcut, updates, start at login).
    await expect(dialog.getByRole('heading', { name: 'Desktop' })).toHaveCount(0)
    expect(await seriousViolations(ada)).toEqual([])
    for (const [width, height] of [
      [1440, 900],
      [800, 600],
    ] as const) {
      await ada.setViewportSize({ width, height })
      await ada.screenshot({ path: test.info().outputPath(`settings-${colorScheme}-${width}x${height}.png`) })
    }
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect(dialog).toHaveCount(0)
  })
}

test('Ctrl+Comma opens Settings, and notification choices stay on this device across a reload', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace')
  await expect(ada.getByRole('heading', { level: 1, name: hallway.teamName })).toBeVisible()
  await ada.keyboard.press('Control+Comma')
  const dialog = ada.getByRole('dialog', { name: 'Settings' })
  const knocks = dialog.getByRole('switch', { name: 'Knocks' })
  await expect(knocks).toBeChecked()
  await knocks.uncheck()
  await expect(dialog.getByRole('switch', { name: 'Invitations' })).toBeChecked()

  await ada.reload()
  await expect(ada.getByRole('heading', { level: 1, name: hallway.teamName })).toBeVisible()
  await ada.keyboard.press('Control+Comma')
  await expect(dialog.getByRole('switch', { name: 'Knocks' })).not.toBeChecked()
  await expect(dialog.getByRole('switch', { name: 'Invitations' })).toBeChecked()
})

test('a microphone chosen in Settings is the one Settings shows next time', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace')
  await ada.getByRole('button', { name: 'Settings' }).click()
  const dialog = ada.getByRole('dialog', { name: 'Settings' })
  // The browser's fake media is allowed already (the test's Chromium flags): the lists show at once.
  const microphone = dialog.getByRole('combobox', { name: 'Microphone' })
  await expect(microphone).toBeVisible()
  await expect(dialog.getByRole('combobox', { name: 'Camera' })).toBeVisible()
  const options = await microphone.locator('option').evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value))
  // Chromium's fake media lists a default and at least one more microphone.
  expect(options.length).toBeGreaterThan(1)
  const other = options.find((value) => value !== 'default' && value !== options[0])!
  await microphone.selectOption(other)
  await dialog.getByRole('button', { name: 'Done' }).click()

  await ada.getByRole('button', { name: 'Settings' }).click()
  await expect(dialog.getByRole('combobox', { name: 'Microphone' })).toHaveValue(other)
})

test('a push-to-talk key chosen in Settings unmutes while held and mutes on release', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace')
  await ada.getByRole('button', { name: 'Settings' }).click()
  const dialog = ada.getByRole('dialog', { name: 'Settings' })
  const keyButton = dialog.getByRole('button', { name: /^Push-to-talk key/ })
  await expect(keyButton).toHaveAccessibleName('Push-to-talk key Space')
  await keyButton.click()
  await expect(keyButton).toHaveAccessibleName('Push-to-talk key Press a key…')
  await ada.keyboard.press('Tab')
  await expect(dialog.getByRole('alert')).toContainText('Tab is kept for moving around')
  await keyButton.click()
  await ada.keyboard.press('t')
  await expect(keyButton).toHaveAccessibleName('Push-to-talk key T')
  await dialog.getByRole('switch', { name: 'Push to talk' }).check()
  await dialog.getByRole('button', { name: 'Done' }).click()

  const kitchen = ada.getByRole('region', { name: 'Kitchen' })
  await kitchen.getByRole('button', { name: /^Join/ }).click()
  // Push to talk starts muted; Space no longer talks, T does.
  await expect(kitchen.getByRole('button', { name: 'Unmute' })).toBeVisible()
  await ada.keyboard.down('t')
  await expect(kitchen.getByRole('button', { name: 'Mute', exact: true })).toBeVisible()
  await ada.keyboard.up('t')
  await expect(kitchen.getByRole('button', { name: 'Unmute' })).toBeVisible()
})

test('away after the minutes chosen in Settings: the member shows as away to others, and back on input', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  await ada.getByRole('button', { name: 'Settings' }).click()
  const dialog = ada.getByRole('dialog', { name: 'Settings' })
  const minutes = dialog.getByRole('spinbutton', { name: /away after/ })
  await expect(minutes).toHaveValue('10')
  await minutes.fill('0')
  await minutes.press('Tab')
  await expect(dialog.getByRole('alert')).toContainText('from 1 to 480')
  await minutes.fill('1')
  await minutes.press('Tab')
  await expect(dialog.getByRole('alert')).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Done' }).click()

  // The page's clock (not the core's, in its worker) stands still until moved: two idle minutes pass at once.
  await ada.clock.install()
  await ada.reload()
  // Bob's view of Ada's face: its title (the img's description) says Away while she is.
  const adaFace = bob.getByRole('img', { name: 'Ada Lovelace' })
  await expect(adaFace).toBeVisible()
  await expect(adaFace).not.toHaveAttribute('title', /Away\./)
  await ada.clock.fastForward('02:00')
  await expect(adaFace).toHaveAttribute('title', /Away\./)

  await ada.mouse.move(10, 10)
  await ada.mouse.move(40, 40)
  await expect(adaFace).not.toHaveAttribute('title', /Away\./)
})
