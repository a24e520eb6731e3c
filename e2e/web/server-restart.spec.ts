// Found walking the office with three members (issue 12, session 9): a server restart (SIGTERM, its
// drain) showed the members it cut last everyone cut before them as Offline, until all were back.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

declare global {
  interface Window {
    /** Names seen in the Offline list since the recorder started. */
    seenOffline?: string[]
  }
}

/** Runs in the page: from now on, every face that shows in the Offline list is noted by name. */
function recordOffline(): void {
  const seen: string[] = (window.seenOffline = [])
  const note = () => {
    for (const face of document.querySelectorAll('aside[aria-label="Offline"] img')) {
      const name = face.getAttribute('alt') ?? ''
      if (!seen.includes(name)) seen.push(name)
    }
  }
  note()
  new MutationObserver(note).observe(document.body, { childList: true, subtree: true, attributes: true })
}

const room = (page: Page, name: string) => page.getByRole('region', { name })

test.describe('a server restart', () => {
  test.use({ ownServer: true })
  // A drain, a restart and three reconnections on a shared 2-core machine: room for them, not a timing claim.
  test.describe.configure({ timeout: 60_000 })

  test('while it drains and comes back, nobody sees another member go offline; all are back in their rooms', async ({ hallway }) => {
    const members = [
      { id: 'ada', name: 'Ada Lovelace', room: 'Kitchen' },
      { id: 'bob', name: 'Bob Kahn', room: 'Kitchen' },
      { id: 'cy', name: 'Cy Young', room: 'Lobby' },
    ]
    const pages = await Promise.all(members.map((member) => hallway.open(member.id, member.name)))
    for (const [i, member] of members.entries()) await room(pages[i]!, member.room).getByRole('button', { name: 'Join' }).click()
    for (const page of pages) {
      for (const member of members) await expect(room(page, member.room).getByRole('img', { name: member.name })).toBeVisible()
      await page.evaluate(recordOffline)
    }

    // The drain cuts the three one after another over its window, then the process exits: any
    // removal the server sent to those it had not cut yet has arrived by then.
    await hallway.stopServer()
    await hallway.restartServer()
    for (const page of pages) {
      await expect(page.getByRole('status').filter({ has: page.locator('.connection-dot') })).toHaveText('Online', { timeout: 20_000 })
      for (const member of members) await expect(room(page, member.room).getByRole('img', { name: member.name })).toBeVisible()
    }
    for (const page of pages) expect(await page.evaluate(() => window.seenOffline)).toEqual([])
  })
})
