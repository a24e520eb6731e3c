// Unread markers and @mentions (issue 12), two members on a real server in real Chromium: a post
// in a room marks it unread for the other, a mention of her notifies through the browser, opening
// the discussion clears the mark on that window and, through the server, on her other window (never
// for anyone else), a reload keeps it read, and a forged summary is refused.
import type { Page } from '@playwright/test'
import { CloseCode } from '../../shared/contract/close-codes'
import { teamDocName } from '../../shared/contract/doc-names'
import { rawYjsClient } from '../../server/testing/raw-yjs-client'
import { seriousViolations } from './axe'
import { expect, test } from './fixtures'
import { recordNotifications } from './record-notifications'


async function allowNotifications(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await page.context().grantPermissions(['notifications'])
  await settings.getByRole('button', { name: 'Allow notifications' }).click()
  await expect(settings.getByRole('switch', { name: 'Mentions' })).toBeChecked()
  await settings.getByRole('button', { name: 'Done' }).click()
}

test("a post marks the room unread for the other member, a mention of her notifies, reading it in one window clears the mark in her other window too, and a reload keeps it read", async ({ hallway }) => {
  // Three pages and two axe runs on a shared machine: room for setup, not a timing claim.
  test.setTimeout(90_000)
  const [laptop, phone, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  await allowNotifications(laptop)
  const shown = await recordNotifications(laptop)

  await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Discussion' }).click()
  const composer = bob.getByRole('complementary', { name: 'Kitchen discussion' }).getByRole('textbox', { name: 'Message Kitchen' })
  await composer.fill('Coffee anyone?')
  await composer.press('Enter')
  await expect(laptop.getByRole('region', { name: 'Kitchen, 1 unread', exact: true })).toBeVisible()
  expect(await seriousViolations(laptop), 'axe on an office with an unread room').toEqual([])
  // Bob's own post is read where he wrote it.
  await expect(bob.getByRole('region', { name: 'Kitchen', exact: true })).toBeVisible()

  // The mention is picked from the suggestions with the keyboard alone.
  await composer.pressSequentially('@Ad')
  const suggestions = bob.getByRole('listbox', { name: 'Mention someone' })
  await expect(suggestions.getByRole('option', { name: 'Ada Lovelace' })).toHaveAttribute('aria-selected', 'true')
  expect(await seriousViolations(bob), 'axe on the composer suggesting mentions').toEqual([])
  await composer.press('Enter')
  await expect(composer).toHaveValue('@Ada Lovelace ')
  await expect(suggestions).toHaveCount(0)
  await composer.pressSequentially('can you taste this?')
  await composer.press('Enter')

  await expect.poll(shown).toEqual(['Bob Kahn mentioned you — In the Kitchen discussion.'])
  await expect(phone.getByRole('region', { name: 'Kitchen, 2 unread', exact: true })).toBeVisible()

  await laptop.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Discussion' }).click()
  const discussion = laptop.getByRole('complementary', { name: 'Kitchen discussion' })
  await expect(discussion.getByText('can you taste this?')).toBeVisible()
  await expect(laptop.getByRole('region', { name: 'Kitchen', exact: true })).toBeVisible()
  // Her other window never opened the discussion: the laptop's read reaches it through the server.
  await expect(phone.getByRole('region', { name: 'Kitchen', exact: true })).toBeVisible()
  await discussion.getByRole('button', { name: 'Close discussion' }).click()
  await expect(discussion).toHaveCount(0)

  // Reloaded, the laptop keeps what it read: Bob's next post is its one unread, and the phone's.
  await laptop.reload()
  await expect(laptop.getByRole('region', { name: 'Kitchen', exact: true })).toBeVisible()
  await composer.fill('Last call')
  await composer.press('Enter')
  await expect(laptop.getByRole('region', { name: 'Kitchen, 1 unread', exact: true })).toBeVisible()
  await expect(phone.getByRole('region', { name: 'Kitchen, 1 unread', exact: true })).toBeVisible()
})

test('a forged discussion summary (a mention from someone else) is refused by the server and never reaches anyone', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace')
  const bob = await hallway.open('bob', 'Bob Kahn')
  await expect(ada.getByRole('region', { name: 'Kitchen', exact: true })).toBeVisible()

  const mallory = rawYjsClient(hallway.serverUrl, teamDocName(hallway.teamId), await hallway.token('mallory', 'Mallory'))
  await mallory.synced
  mallory.write((doc) => doc.getMap('discussions').set('kitchen', { seq: 9, at: 1, author: 'bob', mentions: [{ to: 'ada', by: 'bob', seq: 9, at: 1 }] }))
  expect(await mallory.closed).toEqual({ code: CloseCode.forbidden, reason: 'discussions/kitchen: discussion summaries are written by the server only' })

  // A real post after the forgery: once Ada sees it, the forged 9 unread would have arrived before it.
  await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Discussion' }).click()
  const composer = bob.getByRole('complementary', { name: 'Kitchen discussion' }).getByRole('textbox', { name: 'Message Kitchen' })
  await composer.fill('A real message')
  await composer.press('Enter')
  await expect(ada.getByRole('region', { name: 'Kitchen, 1 unread', exact: true })).toBeVisible()
})
