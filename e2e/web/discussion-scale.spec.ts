// A long discussion (issue 12): 10,000 messages, written to the real server, open with only a
// window of them in the DOM; scrolling reaches the first message.
import { expect, test } from './fixtures'
import { writeLongDiscussion } from './long-discussion'

const COUNT = 10_000
/** A window of a few screens: far below the discussion's length. */
const MAX_RENDERED = 120

test('a discussion of 10,000 messages keeps a bounded number of message nodes, and scrolling to the top shows the first', async ({ hallway }) => {
  test.setTimeout(120_000)
  await writeLongDiscussion(hallway.serverUrl, hallway.teamId, 'kitchen', 'bob', await hallway.token('bob', 'Bob Kahn'), COUNT)

  const ada = await hallway.open('ada', 'Ada Lovelace')
  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Discussion' }).click()
  const panel = ada.getByRole('complementary', { name: 'Kitchen discussion' })
  const list = panel.getByRole('list', { name: 'Messages' })
  const rendered = list.locator(':scope > li')
  // The list's scrolling box: its parent.
  const scroller = list.locator('xpath=..')
  // Loading 10,000 messages into the page's core on a shared machine: room for setup, not a timing claim.
  await expect(rendered.filter({ hasText: `Message ${COUNT}` })).toBeVisible({ timeout: 60_000 })
  await expect(rendered.first()).toHaveAttribute('aria-setsize', String(COUNT))
  expect(await rendered.count()).toBeLessThanOrEqual(MAX_RENDERED)
  await ada.screenshot({ path: test.info().outputPath('discussion-10000-newest.png') })

  await scroller.evaluate((element) => (element.scrollTop = 0))
  await expect(rendered.getByText('Message 1', { exact: true })).toBeVisible()
  await expect(rendered.first()).toHaveAttribute('aria-posinset', '1')
  expect(await rendered.count()).toBeLessThanOrEqual(MAX_RENDERED)

  // Halfway down by the scrollbar: the messages there are rendered, the ends are not.
  await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight / 2))
  await expect(rendered.getByText(/^Message 5\d{3}$/).first()).toBeVisible()
  await expect(rendered.getByText('Message 1', { exact: true })).toHaveCount(0)
  expect(await rendered.count()).toBeLessThanOrEqual(MAX_RENDERED)
})
