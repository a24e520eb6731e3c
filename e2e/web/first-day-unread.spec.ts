// A new member's unread (issue 12, "a person's first day"): what the team said before she joined is
// read; what it said after, while she was away, is unread, on her first device and on a new one.
import { expect, test } from './fixtures'

test('a member who joins after a discussion sees it read; a post made while she is away is unread, on a device she signs in on later too', async ({ hallway }) => {
  const bob = await hallway.open('bob', 'Bob Kahn')
  await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Discussion' }).click()
  const composer = bob.getByRole('complementary', { name: 'Kitchen discussion' }).getByRole('textbox', { name: 'Message Kitchen' })
  for (const text of ['Welcome to the kitchen', 'The coffee machine is fixed']) {
    await composer.fill(text)
    await composer.press('Enter')
    await expect(bob.getByRole('complementary', { name: 'Kitchen discussion' }).getByText(text)).toBeVisible()
  }

  // Kim's first sign-in: her token adds her to the team. She has opened no discussion.
  const kim = await hallway.open('kim', 'Kim Gordon')
  await expect(kim.getByRole('region', { name: /^Lobby/ })).toBeVisible()
  const kimBefore = kim.getByRole('region', { name: /^Kitchen/ })
  await expect(kimBefore, 'the two posts from before she joined are read').toHaveAccessibleName('Kitchen')
  await kim.context().close()

  // Away, she misses one; her next sign-in, on a device of its own, shows it and only it.
  await composer.fill('Lunch at noon?')
  await composer.press('Enter')
  await expect(bob.getByRole('complementary', { name: 'Kitchen discussion' }).getByText('Lunch at noon?')).toBeVisible()
  const kimLater = await hallway.open('kim', 'Kim Gordon')
  await expect(kimLater.getByRole('region', { name: /^Kitchen/ })).toHaveAccessibleName('Kitchen, 1 unread')
  await kimLater.getByRole('region', { name: /^Kitchen/ }).getByRole('button', { name: 'Discussion' }).click()
  await expect(kimLater.getByRole('complementary', { name: 'Kitchen discussion' }).getByText('Welcome to the kitchen')).toBeVisible()
  await expect(kimLater.getByRole('region', { name: /^Kitchen/ })).toHaveAccessibleName('Kitchen')
})
