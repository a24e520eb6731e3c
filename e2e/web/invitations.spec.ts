// Issue 11 item 6: invitations show as pending to the inviter, declines say only what is true, and
// notices stack over the office and expire (renderer/ui/notice-stack.ts) instead of staying forever.
import type { Page } from '@playwright/test'
import { INFO_NOTICE_MS } from '../../renderer/ui/notice-stack'
import { expect, test, type Hallway } from './fixtures'

async function openThree(hallway: Hallway) {
  return Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn'), hallway.open('kim', 'Kim Ng')])
}

/** From the hallway: their face opens their card, which offers the invitation. */
async function invite(page: Page, name: string) {
  await page.getByRole('complementary', { name: 'Hallway' }).getByRole('button', { name, exact: true }).click()
  await page.getByRole('dialog', { name }).getByRole('button', { name: 'Invite here' }).click()
}

const invitationFrom = (page: Page, from: string, room: string) => page.getByRole('group', { name: `${from} invites you to ${room}` })

test('the inviter sees "Invited — waiting for" until it is answered, cancelled or they leave; a decline says only what happened', async ({ hallway }) => {
  const [ada, bob, kim] = await openThree(hallway)
  await ada.setViewportSize({ width: 1440, height: 900 })
  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: /^Join/ }).click()

  await invite(ada, 'Bob Kahn')
  const waitingForBob = ada.getByRole('group', { name: 'Invited — waiting for Bob Kahn' })
  await expect(waitingForBob).toBeVisible()
  await expect(invitationFrom(bob, 'Ada Lovelace', 'Kitchen')).toBeVisible()
  await ada.screenshot({ path: test.info().outputPath('invited-waiting-wide.png') })
  await ada.setViewportSize({ width: 800, height: 600 })
  await ada.screenshot({ path: test.info().outputPath('invited-waiting-narrow.png') })
  // Cancel takes the invitation back from Bob too.
  await waitingForBob.getByRole('button', { name: 'Cancel invitation to Bob Kahn' }).click()
  await expect(waitingForBob).toHaveCount(0)
  await expect(invitationFrom(bob, 'Ada Lovelace', 'Kitchen')).toHaveCount(0)

  // One invitation at a time: a second one withdraws the first, and says so.
  await invite(ada, 'Bob Kahn')
  await expect(invitationFrom(bob, 'Ada Lovelace', 'Kitchen')).toBeVisible()
  await invite(ada, 'Kim Ng')
  await expect(ada.getByRole('status').filter({ hasText: 'Your invitation to Bob Kahn is withdrawn' })).toBeVisible()
  await expect(ada.getByRole('group', { name: 'Invited — waiting for Kim Ng' })).toBeVisible()
  await expect(invitationFrom(kim, 'Ada Lovelace', 'Kitchen')).toBeVisible()
  await expect(invitationFrom(bob, 'Ada Lovelace', 'Kitchen')).toHaveCount(0)

  // Hallway has no direct messages: the decline must not suggest sending one.
  await invitationFrom(kim, 'Ada Lovelace', 'Kitchen').getByRole('button', { name: 'Decline' }).click()
  await expect(ada.getByRole('alert')).toHaveText(/^Kim Ng declined your invitation to Kitchen\.Dismiss$/)
  await expect(ada.getByRole('group', { name: /^Invited — waiting for/ })).toHaveCount(0)
  await expect(ada.getByText(/message/i)).toHaveCount(0)

  await invite(ada, 'Bob Kahn')
  await invitationFrom(bob, 'Ada Lovelace', 'Kitchen').getByRole('button', { name: 'Accept' }).click()
  await expect(ada.getByRole('status').filter({ hasText: 'Bob Kahn accepted your invitation to Kitchen.' })).toBeVisible()
  await expect(ada.getByRole('group', { name: /^Invited — waiting for/ })).toHaveCount(0)
  await expect(ada.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Bob Kahn' })).toBeVisible()

  // Leaving the room withdraws an invitation into it.
  await invite(ada, 'Kim Ng')
  await expect(invitationFrom(kim, 'Ada Lovelace', 'Kitchen')).toBeVisible()
  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: /^Leave/ }).click()
  await expect(invitationFrom(kim, 'Ada Lovelace', 'Kitchen')).toHaveCount(0)
  await expect(ada.getByRole('group', { name: /^Invited — waiting for/ })).toHaveCount(0)
})

test('notices stack over the office without moving it, newest on top; news expires, a failure stays until dismissed with Escape', async ({
  hallway,
}) => {
  const [ada, bob, kim] = await openThree(hallway)
  await ada.setViewportSize({ width: 800, height: 600 })
  // The page's clock, not the wall clock, decides when news expires: the test moves it on by hand.
  await ada.clock.install()
  await ada.clock.pauseAt(Date.now() + 1_000)
  const kitchen = ada.getByRole('region', { name: 'Kitchen' })
  await kitchen.getByRole('button', { name: /^Join/ }).click()
  await expect(kitchen.getByRole('button', { name: /^Leave/ })).toBeVisible()
  // Where the first row of rooms starts: occupants change card heights, notices must not move it.
  const firstRoom = ada.getByRole('main').getByRole('region').first()
  // Measured with the pointer parked: a hovered card lifts by a pixel, and Kitchen (busy) is now the first card.
  // Reduced motion, so nothing eases: the lift easing out runs on the compositor's clock, which the paused page
  // clock does not hold, and a measure taken mid-ease is off by a fraction of a pixel.
  await ada.emulateMedia({ reducedMotion: 'reduce' })
  const roomsTop = async () => {
    await ada.mouse.move(0, 0)
    return (await firstRoom.boundingBox())!.y
  }
  const before = await roomsTop()

  await invite(ada, 'Bob Kahn')
  await invitationFrom(bob, 'Ada Lovelace', 'Kitchen').getByRole('button', { name: 'Accept' }).click()
  const accepted = ada.getByRole('status').filter({ hasText: 'Bob Kahn accepted your invitation to Kitchen.' })
  await expect(accepted).toBeVisible()
  await invite(ada, 'Kim Ng')
  await invitationFrom(kim, 'Ada Lovelace', 'Kitchen').getByRole('button', { name: 'Decline' }).click()
  const declined = ada.getByRole('alert').filter({ hasText: 'Kim Ng declined your invitation to Kitchen.' })
  await expect(declined).toBeVisible()
  await expect(accepted).toBeVisible()
  await ada.screenshot({ path: test.info().outputPath('notices-stacked-narrow.png') })

  const notices = ada.getByRole('group', { name: 'Notices' })
  await expect(notices.locator('.notice')).toHaveText([/Kim Ng declined/, /Bob Kahn accepted/])
  expect((await declined.boundingBox())!.y).toBeLessThan((await accepted.boundingBox())!.y)
  expect(await roomsTop()).toBeCloseTo(before, 0)

  await ada.clock.runFor(INFO_NOTICE_MS - 1)
  await expect(accepted).toBeVisible()
  await ada.clock.runFor(1)
  await expect(accepted).toHaveCount(0)
  await ada.clock.runFor(10 * 60_000)
  await expect(declined).toBeVisible()

  await declined.getByRole('button', { name: 'Dismiss' }).focus()
  await ada.keyboard.press('Escape')
  await expect(declined).toHaveCount(0)
  await expect(notices.locator('.notice')).toHaveCount(0)
})
