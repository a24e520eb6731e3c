// Defects three members hit in their first hour (issue "A person's first day"), each as they met it.
import { expect, test } from './fixtures'

test('a reload brings me back into my room with my mic as it was; after Leave it does not', async ({ hallway }) => {
  const [ada, sam] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('sam', 'Sam Rivers')])
  const adaKitchen = ada.getByRole('region', { name: 'Kitchen' })
  const samKitchen = sam.getByRole('region', { name: 'Kitchen' })
  await adaKitchen.getByRole('button', { name: /^Join/ }).click()
  await samKitchen.getByRole('button', { name: /^Join/ }).click()
  await adaKitchen.getByRole('button', { name: 'Mute' }).click()
  await expect(adaKitchen.getByRole('button', { name: 'Unmute' })).toBeVisible()
  await expect(samKitchen.getByRole('img', { name: 'Ada Lovelace' })).toBeVisible()

  await ada.reload()
  await expect(adaKitchen.getByRole('img', { name: 'Ada Lovelace' })).toBeVisible()
  await expect(adaKitchen.getByRole('button', { name: 'Unmute' })).toBeVisible()
  await expect(adaKitchen.getByRole('button', { name: 'Leave' })).toBeVisible()
  await expect(samKitchen.getByRole('img', { name: 'Ada Lovelace' })).toBeVisible()
  await expect(sam.getByRole('complementary', { name: 'Hallway' }).getByRole('img', { name: 'Ada Lovelace' })).toHaveCount(0)

  await adaKitchen.getByRole('button', { name: 'Leave' }).click()
  await expect(samKitchen.getByRole('img', { name: 'Ada Lovelace' })).toHaveCount(0)
  await ada.reload()
  await expect(ada.getByRole('complementary', { name: 'Hallway' }).getByRole('img', { name: 'Ada Lovelace' })).toBeVisible()
  // Sam walking in and out after the reload is news Ada's page has seen; she is still in the hallway then.
  await samKitchen.getByRole('button', { name: 'Leave' }).click()
  await expect(ada.getByRole('complementary', { name: 'Hallway' }).getByRole('img', { name: 'Sam Rivers' })).toBeVisible()
  await expect(ada.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Ada Lovelace' })).toHaveCount(0)
})

test.describe('when my own connection drops', () => {
  test.use({ ownServer: true })
  // A server of its own to start and kill, and the core's offline detection, on a shared 2-core machine: room for setup, not a timing claim.
  test.describe.configure({ timeout: 60_000 })

  test('others stay where they were, marked as last seen, not moved to Offline; back online on their own when the server is', async ({ hallway }) => {
    const [ada, sam, kim] = await Promise.all([
      hallway.open('ada', 'Ada Lovelace'),
      hallway.open('sam', 'Sam Rivers'),
      hallway.open('kim', 'Kim Gordon'),
    ])
    await sam.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: /^Join/ }).click()
    await kim.getByRole('region', { name: 'Lobby' }).getByRole('button', { name: /^Join/ }).click()
    await expect(ada.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Sam Rivers' })).toBeVisible()
    await expect(ada.getByRole('region', { name: 'Lobby' }).getByRole('img', { name: 'Kim Gordon' })).toBeVisible()

    await hallway.killServer()
    const connection = ada.getByRole('status').filter({ hasText: 'Offline' })
    await expect(connection).toContainText('Offline, reconnecting — this is the office as you last saw it; your changes sync when you are back')
    // The view after the drop is drawn: the office is as it was.
    await expect(ada.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Sam Rivers' })).toBeVisible()
    await expect(ada.getByRole('region', { name: 'Lobby' }).getByRole('img', { name: 'Kim Gordon' })).toBeVisible()
    await expect(ada.getByRole('img', { name: 'Sam Rivers' })).toHaveCount(1)

    // Retry now while the server is still down is refused and changes nothing: the office stays, and so does the button.
    // (That it skips the backoff is the schedule's unit test; waiting on the press here would race
    // Ada's own retry once the server is back.)
    await ada.getByRole('button', { name: 'Retry now' }).click()
    await expect(connection).toBeVisible()
    await expect(ada.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Sam Rivers' })).toBeVisible()
    await expect(ada.getByRole('button', { name: 'Retry now' })).toBeVisible()

    await hallway.restartServer()
    // Her own retries bring her back (the backoff is capped at 8 s), to the live office.
    await expect(ada.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 20_000 })
    await expect(ada.getByRole('button', { name: 'Retry now' })).toHaveCount(0)
    await expect(ada.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Sam Rivers' })).toBeVisible({ timeout: 20_000 })
  })
})

test('keyboard: Join names its room and leaves the focus on that room’s controls', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace')
  const join = ada.getByRole('button', { name: 'Join Kitchen' })
  await join.focus()
  await ada.keyboard.press('Enter')
  const kitchen = ada.getByRole('region', { name: 'Kitchen' })
  await expect(kitchen.getByRole('button', { name: 'Leave Kitchen' })).toBeFocused()
  await ada.keyboard.press('Tab')
  await expect(kitchen.getByRole('button', { name: 'Mute' })).toBeFocused()
})

test('keyboard: Knock keeps the focus on the room’s controls, Cancel knock while waiting and Leave once let in', async ({ hallway }) => {
  const [ada, sam] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('sam', 'Sam Rivers')])
  await sam.getByRole('region', { name: 'Focus Room' }).getByRole('button', { name: 'Join Focus Room' }).click()
  const focus = ada.getByRole('region', { name: 'Focus Room' })
  // Found walking by keyboard: each step dropped the focus to the page's start.
  await focus.getByRole('button', { name: 'Knock on Focus Room' }).focus()
  await ada.keyboard.press('Enter')
  await expect(focus.getByRole('button', { name: 'Cancel knock on Focus Room' })).toBeFocused()
  await sam.getByRole('region', { name: 'Focus Room' }).getByRole('button', { name: 'Let in' }).click()
  await expect(focus.getByRole('button', { name: 'Leave Focus Room' })).toBeFocused()
})

test('doors offer only what can work: Knock at a closed door, nothing at a locked one, Unlock inside, no Invite while locked', async ({ hallway }) => {
  const [ada, sam] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('sam', 'Sam Rivers')])
  const samKitchen = sam.getByRole('region', { name: 'Kitchen' })
  await samKitchen.getByRole('button', { name: 'Join Kitchen' }).click()
  const hallwayList = sam.getByRole('complementary', { name: 'Hallway' })
  /** Whether Ada's card, opened from her face in the hallway, offers to invite her here. */
  const expectInviteOffered = async (offered: boolean) => {
    await hallwayList.getByRole('button', { name: 'Ada Lovelace', exact: true }).click()
    const card = sam.getByRole('dialog', { name: 'Ada Lovelace' })
    await expect(card.getByRole('button', { name: 'Invite here' })).toHaveCount(offered ? 1 : 0)
    await card.getByRole('button', { name: 'Close' }).click()
    await expect(card).toHaveCount(0)
  }
  await expectInviteOffered(true)

  await samKitchen.getByRole('button', { name: 'Close door' }).click()
  const adaKitchen = ada.getByRole('region', { name: 'Kitchen' })
  await expect(adaKitchen.getByRole('button', { name: 'Knock on Kitchen' })).toBeVisible()
  await expect(adaKitchen.getByRole('button', { name: /^Join/ })).toHaveCount(0)

  await samKitchen.getByRole('button', { name: 'Lock door' }).click()
  await expect(adaKitchen.getByText('Locked', { exact: true })).toBeVisible()
  await expect(adaKitchen.getByRole('button', { name: /^(Join|Knock)/ })).toHaveCount(0)
  await expect(samKitchen.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible()
  await expect(samKitchen.getByRole('button', { name: 'Unlock, keep closed' })).toBeVisible()
  await expectInviteOffered(false)

  await samKitchen.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(adaKitchen.getByRole('button', { name: 'Join Kitchen' })).toBeVisible()
  await expectInviteOffered(true)
})

test('a first visit and a reload print no console error (no missing icon or asset)', async ({ hallway }) => {
  const [ada, sam] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('sam', 'Sam Rivers')])
  await ada.reload()
  // A status Sam sets reaching Ada's reloaded page is a round trip after both pages asked for everything they load.
  // (Joining a room is left out: this server runs without LiveKit, and its call token route answers 503.)
  await sam.getByRole('button', { name: 'Set status' }).click()
  await sam.getByRole('textbox', { name: /status/i }).fill('Reviewing')
  await sam.getByRole('textbox', { name: /status/i }).press('Enter')
  await expect(ada.getByRole('img', { name: 'Sam Rivers' }).first()).toHaveAttribute('title', /Reviewing/)
  expect(hallway.consoleErrors()).toEqual([])
})
