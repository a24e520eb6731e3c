// First-day defects, round 2 (issue 12): what a real-use pass with three members found, each
// checked as a member meets it, against a real server in Chromium. This file: what the header says while
// the server is away.
import { expect, test } from './fixtures'
import { boxOf, settle, shoot } from './layout'

test.describe('with the server going away', () => {
  test.use({ ownServer: true })
  // A server of its own to start, kill and restart on a shared 2-core machine: room for setup, not a timing claim.
  test.describe.configure({ timeout: 60_000 })

  test('offline, the floor tally says it is the count last seen, and a plain count again once back', async ({ hallway }) => {
    const [ada] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
    const floors = ada.getByRole('navigation', { name: 'Floors' })
    await expect(floors.getByText('2 online · 2 in the hallway', { exact: true })).toBeVisible()

    await hallway.killServer()
    await expect(floors.getByText('Last seen 2 online · 2 in the hallway', { exact: true })).toBeVisible()
    await shoot(ada, 'offline-tally')

    await hallway.restartServer()
    await expect(floors.getByText(/^2 online/)).toBeVisible()
    await expect(floors.getByText(/Last seen/)).toHaveCount(0)
  })

  test('offline in an 800 px window, the header keeps one row: the badge says "Offline" with Retry, the full sentence is its accessible text and title', async ({ hallway }) => {
    const ada = await hallway.open('ada', 'Ada Lovelace')
    await ada.setViewportSize({ width: 800, height: 600 })
    const badge = ada.getByRole('status').filter({ has: ada.locator('.connection-dot') })
    await expect(badge).toHaveText('Online')
    const onlineHeight = (await boxOf(badge)).height

    await hallway.killServer()
    const sentence = 'Offline, reconnecting — this is the office as you last saw it; your changes sync when you are back'
    await expect(badge).toContainText(sentence)
    await expect(badge).toHaveAttribute('title', sentence)
    await expect(badge.getByText('Offline', { exact: true })).toBeVisible()
    // Clipped to a point, as screen-reader-only text is (Playwright still counts a 1 px box visible).
    expect((await boxOf(badge.getByText(sentence))).width).toBeLessThanOrEqual(1)
    await expect(badge.getByRole('button', { name: 'Retry now' })).toBeVisible()
    await settle(ada)
    expect((await boxOf(badge)).height).toBeLessThanOrEqual(onlineHeight + 1)
    // My name beside it is whole: the team name gave way first (my name is clamped to one line, so a cut one overflows it).
    const myName = ada.locator('.me-name')
    expect(await myName.evaluate((name) => name.scrollHeight <= name.clientHeight)).toBe(true)
    await shoot(ada, 'offline-header-800')

    await ada.setViewportSize({ width: 1440, height: 900 })
    await expect.poll(async () => (await boxOf(badge.getByText(sentence))).width).toBeGreaterThan(100)
    await expect(badge.getByText('Offline', { exact: true })).toBeHidden()
  })

  test('going offline in a wide window moves nothing: the header keeps its height from 1024 to 1920 px; at 1920 the whole sentence shows', async ({ hallway }) => {
    const ada = await hallway.open('ada', 'Ada Lovelace')
    const header = ada.locator('.office-header')
    const badge = ada.getByRole('status').filter({ has: ada.locator('.connection-dot') })
    await expect(badge).toHaveText('Online')
    const widths = [1024, 1280, 1440, 1920]
    const onlineHeights: number[] = []
    for (const width of widths) {
      await ada.setViewportSize({ width, height: 900 })
      await settle(ada)
      onlineHeights.push((await boxOf(header)).height)
    }

    await hallway.killServer()
    const sentence = 'Offline, reconnecting — this is the office as you last saw it; your changes sync when you are back'
    await expect(badge).toContainText(sentence)
    for (const [i, width] of widths.entries()) {
      await ada.setViewportSize({ width, height: 900 })
      await settle(ada)
      // Found walking at 1280 px: the sentence wrapped to four lines and pushed the whole office 28 px down.
      expect((await boxOf(header)).height, `header at ${width} px`).toBeLessThanOrEqual(onlineHeights[i]! + 1)
      await shoot(ada, `offline-header-${width}`)
    }
    // Wide enough, the sentence itself shows, whole, in at most two lines.
    const text = badge.locator('.connection-text')
    expect(await text.evaluate((element) => element.scrollHeight <= element.clientHeight + 1 && element.getClientRects().length <= 2)).toBe(true)
    expect((await boxOf(text)).width).toBeGreaterThan(100)
  })
})
