import { DEFAULT_ROOMS } from '../../shared/model/starter-rooms'
import { expect, test } from './fixtures'

declare global {
  interface Window {
    clickedAt?: number
    moveSeenAt?: Promise<number>
  }
}

test('two members see every room and each other walk between rooms', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])

  for (const page of [ada, bob]) {
    await expect(page.getByRole('heading', { level: 1, name: hallway.teamName })).toBeVisible()
    for (const room of DEFAULT_ROOMS) await expect(page.getByRole('region', { name: room.name })).toBeVisible()
    await expect(page.getByRole('region')).toHaveCount(DEFAULT_ROOMS.length)
  }
  // Both are online and in no room yet: each sees the other in the hallway.
  await expect(bob.getByRole('complementary', { name: 'Hallway' }).getByRole('img', { name: 'Ada Lovelace' })).toBeVisible()
  await expect(ada.getByRole('complementary', { name: 'Hallway' }).getByRole('img', { name: 'Bob Kahn' })).toBeVisible()

  // Latency, on one machine clock: Ada's page notes her click, Bob's the moment her avatar lands.
  await ada.evaluate(() => document.addEventListener('click', () => (window.clickedAt ??= Date.now()), { capture: true }))
  await bob.evaluate(() => {
    window.moveSeenAt = new Promise((resolve) => {
      const arrived = () =>
        [...document.querySelectorAll('[role="region"]')].some(
          (room) => room.querySelector('h2')?.textContent === 'Kitchen' && room.querySelector('img[alt="Ada Lovelace"]'),
        )
      const observer = new MutationObserver(() => {
        if (!arrived()) return
        observer.disconnect()
        resolve(Date.now())
      })
      observer.observe(document.body, { childList: true, subtree: true })
    })
  })

  await ada.getByRole('region', { name: 'Kitchen' }).click()
  await expect(bob.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Ada Lovelace' })).toBeVisible()
  const seenAt = await bob.evaluate(() => window.moveSeenAt!)
  const clickedAt = await ada.evaluate(() => window.clickedAt!)
  console.log(`move latency: ${seenAt - clickedAt} ms from Ada's click to Bob seeing her in the Kitchen`)
  await expect(bob.getByRole('complementary', { name: 'Hallway' }).getByRole('img', { name: 'Ada Lovelace' })).toHaveCount(0)

  // In her room Ada gets Leave and Mute (open rooms start with the mic on).
  const adaKitchen = ada.getByRole('region', { name: 'Kitchen' })
  await adaKitchen.getByRole('button', { name: 'Mute' }).click()
  await expect(adaKitchen.getByRole('button', { name: 'Unmute' })).toBeVisible()

  // Bob walks in with the Join button; Ada sees him arrive.
  await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join' }).click()
  await expect(adaKitchen.getByRole('img', { name: 'Bob Kahn' })).toBeVisible()

  // Ada leaves: she is back in the hallway for Bob.
  await adaKitchen.getByRole('button', { name: 'Leave' }).click()
  await expect(bob.getByRole('complementary', { name: 'Hallway' }).getByRole('img', { name: 'Ada Lovelace' })).toBeVisible()
  await expect(bob.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Ada Lovelace' })).toHaveCount(0)

  // Bob closes the app: Ada sees him go offline.
  await bob.context().close()
  await expect(ada.getByRole('complementary', { name: 'Offline' }).getByRole('img', { name: 'Bob Kahn' })).toBeVisible()
  await expect(ada.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Bob Kahn' })).toHaveCount(0)
})

test('a closed door offers only Knock; walking at it anyway gets a notice; a knock gets you in', async ({ hallway }) => {
  const focus = DEFAULT_ROOMS.find((room) => room.door === 'closed')!
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  // A closed door keeps people out only while someone is inside.
  await bob.getByRole('region', { name: focus.name }).getByRole('button', { name: 'Join' }).click()
  const adaFocus = ada.getByRole('region', { name: focus.name })
  await expect(adaFocus.getByRole('img', { name: 'Bob Kahn' })).toBeVisible()

  await expect(adaFocus.getByRole('button', { name: 'Knock on Focus Room' })).toBeVisible()
  await expect(adaFocus.getByRole('button', { name: /^Join/ })).toHaveCount(0)
  // Clicking the card is walking at the door.
  await adaFocus.getByRole('heading', { name: focus.name }).click()
  const notice = ada.getByRole('alert')
  await expect(notice).toContainText(`${focus.name} has its door closed. Knock to ask to come in.`)
  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await expect(notice).toHaveCount(0)
  await expect(adaFocus.getByRole('img', { name: 'Ada Lovelace' })).toHaveCount(0)

  await adaFocus.getByRole('button', { name: 'Knock' }).click()
  await expect(adaFocus.getByRole('button', { name: 'Cancel knock' })).toBeVisible()
  const bobFocus = bob.getByRole('region', { name: focus.name })
  await expect(bobFocus.getByText('Ada Lovelace is knocking')).toBeVisible()
  await bobFocus.getByRole('button', { name: 'Let in' }).click()
  await expect(bobFocus.getByRole('img', { name: 'Ada Lovelace' })).toBeVisible()
  await expect(adaFocus.getByRole('button', { name: 'Leave' })).toBeVisible()
})
