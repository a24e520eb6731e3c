// Light and dark themes (issue 12): the page follows the OS scheme unless this device chose one,
// and axe-core finds no serious or critical violation in either.
import type { Page } from '@playwright/test'
import { seriousViolations } from './axe'
import { expect, test, type Hallway } from './fixtures'

const pageBackground = { light: 'rgb(244, 242, 238)', dark: 'rgb(24, 23, 28)' }
/** `--accent` in each scheme: checkboxes and other native controls take it too, not the browser's own tint. */
const accent = { light: 'rgb(61, 86, 214)', dark: 'rgb(152, 169, 255)' }

/** Three members, Ada in the Kitchen with a status and its discussion open. */
async function busyOffice(hallway: Hallway): Promise<Page> {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn'), hallway.open('cy', 'Cy Young')])
  const kitchen = ada.getByRole('region', { name: 'Kitchen' })
  await kitchen.getByRole('button', { name: /^Join/ }).click()
  await ada.getByRole('button', { name: 'Set status' }).click()
  const statusDialog = ada.getByRole('dialog', { name: 'Set status' })
  await statusDialog.getByRole('textbox', { name: 'Status', exact: true }).fill('Deep work')
  await statusDialog.getByRole('button', { name: 'Save' }).click()
  await expect(statusDialog).toHaveCount(0)
  await expect(bob.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Ada Lovelace' })).toHaveAccessibleDescription(/Status: Deep work/)
  await expect(ada.getByRole('img', { name: 'Cy Young' })).toBeVisible()

  await kitchen.getByRole('button', { name: 'Discussion' }).click()
  const panel = ada.getByRole('complementary', { name: 'Kitchen discussion' })
  const composer = panel.getByRole('textbox', { name: 'Message Kitchen' })
  await composer.fill('Standup moved to 10:30')
  await composer.press('Enter')
  await expect(panel.getByRole('listitem').filter({ hasText: 'Standup moved to 10:30' })).toBeVisible()
  return ada
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the busy office follows the OS ${colorScheme} scheme with no serious or critical axe violation`, async ({ hallway }) => {
    // Three pages in one test on a shared machine: room for setup, not a timing claim.
    test.setTimeout(90_000)
    const ada = await busyOffice(hallway)
    await ada.emulateMedia({ colorScheme })
    await expect.poll(() => ada.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(pageBackground[colorScheme])
    expect(await seriousViolations(ada)).toEqual([])
    await ada.screenshot({ path: test.info().outputPath(`office-${colorScheme}.png`) })

    // A modal dialog makes the office behind it inert, which axe leaves out: check the office first, then the dialog.
    await ada.getByRole('button', { name: 'Set status' }).click()
    await expect(ada.getByRole('dialog', { name: 'Set status' })).toBeVisible()
    expect(await seriousViolations(ada)).toEqual([])
    await ada.screenshot({ path: test.info().outputPath(`office-${colorScheme}-dialog.png`) })
  })

  test(`the sign-in page with an error shown follows the OS ${colorScheme} scheme with no serious or critical axe violation`, async ({ hallway }) => {
    const page = await hallway.visit({ server: hallway.serverUrl })
    await page.emulateMedia({ colorScheme })
    await page.getByLabel('Sign-in token').fill('not a token')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toContainText('not a Hallway sign-in token')
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(pageBackground[colorScheme])
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: test.info().outputPath(`sign-in-${colorScheme}.png`) })
  })
}

test('a theme chosen on this device overrides the OS scheme, survives a reload, and System follows the OS again', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace')
  await ada.emulateMedia({ colorScheme: 'dark' })
  const background = () => ada.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
  await expect.poll(background).toBe(pageBackground.dark)

  await ada.getByRole('button', { name: 'Settings' }).click()
  const settings = ada.getByRole('dialog', { name: 'Settings' })
  const themeSelect = settings.getByRole('combobox', { name: 'Theme' })
  const checkboxTint = () => settings.getByRole('switch', { name: 'Knocks' }).evaluate((box) => getComputedStyle(box).accentColor)
  await expect(themeSelect).toHaveValue('system')
  await expect.poll(checkboxTint).toBe(accent.dark)
  await themeSelect.selectOption({ label: 'Light' })
  await expect(ada.locator('html')).toHaveAttribute('data-theme', 'light')
  await expect.poll(background).toBe(pageBackground.light)
  await expect.poll(checkboxTint).toBe(accent.light)
  await ada.setViewportSize({ width: 800, height: 600 })
  await ada.screenshot({ path: test.info().outputPath('office-light-chosen-800x600.png') })

  await ada.reload()
  await expect.poll(background).toBe(pageBackground.light)
  await expect(ada.getByRole('button', { name: 'Settings' })).toBeVisible()
  await ada.keyboard.press('Control+Comma')
  await expect(ada.getByRole('combobox', { name: 'Theme' })).toHaveValue('light')

  await ada.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'System' })
  await expect(ada.locator('html')).not.toHaveAttribute('data-theme', /.*/)
  await expect.poll(background).toBe(pageBackground.dark)
  await ada.emulateMedia({ colorScheme: 'light' })
  await expect.poll(background).toBe(pageBackground.light)
})
