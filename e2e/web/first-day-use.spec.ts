// What three members met using Hallway for a day (the floor counts, a phone-sized window, the
// offline badge), each as they met it.
import type { Locator, Page } from '@playwright/test'
import { seriousViolations } from './axe'
import { expect, test } from './fixtures'

/** Whether the element shows all of its text: no ellipsis on one line, no lines clamped away. */
const showsAllText = (element: Locator) => element.evaluate((node) => node.scrollWidth <= node.clientWidth && node.scrollHeight <= node.clientHeight)

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

/** The lines a face draws under itself (its ::after content, which Chromium reports with attr() resolved). */
const drawnLines = (face: Locator) =>
  face.evaluate((node) => {
    const content = getComputedStyle(node, '::after').content
    const drawn = /^"((?:[^"\\]|\\.)*)"/.exec(content)?.[1] ?? ''
    return drawn.split(/\\a ?/i)
  })

test('the floor switcher counts people in each floor’s rooms and the hallway apart, so they add up to everyone online (axe-clean, light and dark)', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  const floors = ada.getByRole('navigation', { name: 'Floors' })
  await expect(floors.getByText('2 online · 2 in the hallway')).toBeVisible()
  await expect(floors.getByRole('button', { name: 'Main floor 0 in rooms' })).toBeVisible()

  await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join Kitchen' }).click()
  await expect(floors.getByRole('button', { name: 'Main floor 1 in rooms' })).toBeVisible()
  await expect(floors.getByText('2 online · 1 in the hallway')).toBeVisible()

  await ada.getByRole('region', { name: 'Lobby' }).getByRole('button', { name: 'Join Lobby' }).click()
  await expect(floors.getByRole('button', { name: 'Main floor 2 in rooms' })).toBeVisible()
  await expect(floors.getByText('2 online', { exact: true })).toBeVisible()
  for (const colorScheme of ['light', 'dark'] as const) {
    await ada.emulateMedia({ colorScheme })
    expect(await seriousViolations(ada), `axe, ${colorScheme}`).toEqual([])
  }
})

test('in a 400 px window the header fits: the team name keeps its row and the connection status stays inside the window', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace')
  await ada.setViewportSize({ width: 400, height: 860 })
  const teamName = ada.getByRole('heading', { name: hallway.teamName, level: 1 })
  const status = ada.getByRole('status').filter({ hasText: 'Online' })
  await expect(status).toBeVisible()
  expect(await showsAllText(teamName), 'the team name is shown whole').toBe(true)
  const statusBox = (await status.boundingBox())!
  expect(statusBox.x + statusBox.width, 'the connection status ends inside the window').toBeLessThanOrEqual(400)
  expect(await pageWidth(ada), 'nothing scrolls sideways').toBeLessThanOrEqual(400)
  await ada.screenshot({ path: test.info().outputPath('header-400.png') })
})

test('my own face says "(you)" on a line of its own, so a name long enough for an ellipsis never cuts it off; nobody else\'s does', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  const hallwayList = ada.getByRole('complementary', { name: 'Hallway' })
  const face = (name: string) => hallwayList.getByRole('button', { name, exact: true })
  await expect(face('Bob Kahn')).toBeVisible()
  expect(await drawnLines(face('Ada Lovelace'))).toEqual(['Ada Lovelace', '(you)'])
  expect(await drawnLines(face('Bob Kahn'))).toEqual(['Bob Kahn'])

  await ada.getByRole('button', { name: 'Set status' }).click()
  await ada.getByRole('textbox', { name: /status/i }).fill('Reviewing')
  await ada.getByRole('textbox', { name: /status/i }).press('Enter')
  await expect.poll(() => drawnLines(face('Ada Lovelace'))).toEqual(['Ada Lovelace', '(you)', 'Reviewing'])
  await expect(bob.getByRole('complementary', { name: 'Hallway' }).getByRole('img', { name: 'Ada Lovelace' })).toHaveAttribute('title', /Reviewing/)
  expect(await drawnLines(bob.getByRole('complementary', { name: 'Hallway' }).getByRole('button', { name: 'Ada Lovelace', exact: true }))).toEqual([
    'Ada Lovelace',
    'Reviewing',
  ])
})

test.describe('when the server goes away', () => {
  test.use({ ownServer: true })
  // A server of its own to start and kill, and the core's offline detection, on a shared 2-core machine: room for setup, not a timing claim.
  test.describe.configure({ timeout: 60_000 })

  test('the long offline badge wraps in its own space: the team name and my name stay whole, in a wide window and a narrow one', async ({ hallway }) => {
    const ada = await hallway.open('ada', 'Ada Lovelace')
    const teamName = ada.getByRole('heading', { name: hallway.teamName, level: 1 })
    await expect(ada.getByRole('status').filter({ hasText: 'Online' })).toBeVisible()
    await hallway.killServer()
    const offline = ada.getByRole('status').filter({ hasText: 'Offline, reconnecting' })
    await expect(offline).toBeVisible()

    expect(await showsAllText(teamName), 'the team name beside the offline badge').toBe(true)
    expect(await showsAllText(ada.locator('.me-name')), 'my name beside the offline badge').toBe(true)
    await ada.screenshot({ path: test.info().outputPath('offline-wide.png') })

    await ada.setViewportSize({ width: 400, height: 860 })
    await expect(offline.getByRole('button', { name: 'Retry now' })).toBeVisible()
    expect(await showsAllText(teamName), 'the team name in a 400 px window, offline').toBe(true)
    const box = (await offline.boundingBox())!
    expect(box.x + box.width, 'the offline badge ends inside the window').toBeLessThanOrEqual(400)
    expect(await pageWidth(ada), 'nothing scrolls sideways').toBeLessThanOrEqual(400)
    await ada.screenshot({ path: test.info().outputPath('offline-400.png') })
  })
})
