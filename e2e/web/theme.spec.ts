// Light and dark themes (issue 12): the page follows the OS scheme unless this device chose one,
// and axe-core finds no serious or critical violation in either.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from '@playwright/test'
import type { AxeResults } from 'axe-core'
import { expect, test, type Hallway } from './fixtures'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8')
const pageBackground = { light: 'rgb(244, 242, 238)', dark: 'rgb(24, 23, 28)' }

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

/** Finite animations and transitions (a dialog fading in, a button's colour) have settled, so axe reads final colours. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
  )
}

async function seriousViolations(page: Page): Promise<string[]> {
  await settled(page)
  // The page's CSP (script-src 'self') refuses an injected <script> tag, rightly; evaluating the
  // source through the DevTools protocol is outside its reach.
  await page.evaluate(axeSource)
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run())
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}: ${node.failureSummary ?? ''}`))
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

  const themeSelect = ada.getByRole('combobox', { name: 'Theme' })
  await expect(themeSelect).toHaveValue('system')
  await themeSelect.selectOption({ label: 'Light' })
  await expect(ada.locator('html')).toHaveAttribute('data-theme', 'light')
  await expect.poll(background).toBe(pageBackground.light)
  await ada.setViewportSize({ width: 800, height: 600 })
  await ada.screenshot({ path: test.info().outputPath('office-light-chosen-800x600.png') })

  await ada.reload()
  await expect(ada.getByRole('combobox', { name: 'Theme' })).toHaveValue('light')
  await expect.poll(background).toBe(pageBackground.light)

  await ada.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'System' })
  await expect(ada.locator('html')).not.toHaveAttribute('data-theme', /.*/)
  await expect.poll(background).toBe(pageBackground.dark)
  await ada.emulateMedia({ colorScheme: 'light' })
  await expect.poll(background).toBe(pageBackground.light)
})
