// Offline edits merge (issue 12): two members edit a discussion message and their status while
// the server is down; once it is back, each sees both edits, and nothing of the old texts.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { retryIfOffered } from './reconnect'

test.use({ ownServer: true })

const panelOf = (page: Page) => page.getByRole('complementary', { name: 'Kitchen discussion' })

async function post(page: Page, text: string): Promise<void> {
  const composer = panelOf(page).getByRole('textbox', { name: 'Message Kitchen' })
  await composer.fill(text)
  await composer.press('Enter')
}

async function editMessage(page: Page, from: string, to: string): Promise<void> {
  await panelOf(page).getByRole('listitem').filter({ hasText: from }).getByRole('button', { name: 'Edit' }).click()
  const editor = panelOf(page).getByRole('textbox', { name: 'Edit message' })
  await editor.fill(to)
  await editor.press('Enter')
  await expect(panelOf(page).getByRole('listitem').filter({ hasText: to })).toBeVisible()
}

async function setStatus(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Set status' }).click()
  const dialog = page.getByRole('dialog', { name: 'Set status' })
  await dialog.getByRole('textbox', { name: 'Status', exact: true }).fill(text)
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toHaveCount(0)
}

test('a message and a status edited offline by two members both merge once the server is back', async ({ hallway }) => {
  test.setTimeout(60_000)
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  for (const page of [ada, bob]) await page.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Discussion' }).click()
  await post(ada, 'Standup at 10')
  await post(bob, 'Demo on Friday')
  for (const page of [ada, bob]) {
    await expect(panelOf(page).getByRole('listitem').filter({ hasText: 'Standup at 10' })).toBeVisible()
    await expect(panelOf(page).getByRole('listitem').filter({ hasText: 'Demo on Friday' })).toBeVisible()
  }

  await hallway.killServer()
  for (const page of [ada, bob]) await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible()
  await editMessage(ada, 'Standup at 10', 'Standup at 10:30')
  await editMessage(bob, 'Demo on Friday', 'Demo on Thursday')
  await setStatus(ada, 'Out for lunch')
  await setStatus(bob, 'At the dentist')

  await hallway.restartServer()
  for (const page of [ada, bob]) await page.evaluate(retryIfOffered)
  // A page whose own backoff reconnected first has no Retry now: it follows within one backoff window (8 s at most).
  const reconnect = { timeout: 12_000 }
  for (const [page, otherName, other] of [
    [ada, 'Bob Kahn', 'At the dentist'],
    [bob, 'Ada Lovelace', 'Out for lunch'],
  ] as const) {
    const messages = panelOf(page).getByRole('listitem')
    await expect(messages.filter({ hasText: 'Standup at 10:30' })).toContainText('(edited)', reconnect)
    await expect(messages.filter({ hasText: 'Demo on Thursday' })).toContainText('(edited)', reconnect)
    await expect(page.getByRole('img', { name: otherName }).first()).toHaveAttribute('title', new RegExp(other), reconnect)
    await expect(messages.filter({ hasText: 'Demo on Friday' })).toHaveCount(0)
    await expect(messages.filter({ hasText: 'Standup at 10', hasNotText: 'Standup at 10:30' })).toHaveCount(0)
  }
  await ada.screenshot({ path: test.info().outputPath('offline-edits-merged.png') })
})
