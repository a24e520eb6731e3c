// The controls of the room I am in keep one row each (issue 12, the three-member walk): at 1280 px a
// three-column card was 274 px inside, and Leave, Unmute and three icons (287 px) put Share screen
// on a second row, Discussion on a fourth. A member's long status is cut under their face, whole in
// its description.
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { boxOf, overhang, sameRow, settle, shoot } from './layout'

const WIDTHS = [1024, 1280, 1440, 1920] as const
const LONG_STATUS = 'Reviewing the Q3 plan with finance before the Friday board meeting, back after lunch'

/** At each width, every button of a row (by name) is on its first button's row, and inside the card, as is `face`. */
async function expectOneLineEach(page: Page, card: Locator, face: Locator, rows: string[][], what: string): Promise<void> {
  const button = (name: string) => card.getByRole('button', { name, exact: true })
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 })
    await settle(page)
    await shoot(page, `controls-${what.replace(/\W+/g, '-')}-${width}`)
    const cardBox = await boxOf(card)
    for (const [first, ...rest] of rows) {
      const firstBox = await boxOf(button(first!))
      for (const name of [first!, ...rest]) {
        const box = await boxOf(button(name))
        expect(sameRow(firstBox, box), `${what}, at ${width} px: ${name} is on ${first}'s row`).toBe(true)
        expect(overhang(box, cardBox), `${what}, at ${width} px: ${name} is inside the card`).toBe(0)
      }
    }
    expect(overhang(await boxOf(face), cardBox), `${what}, at ${width} px: the face with a long status is inside the card`).toBe(0)
  }
}

test('in the room I am in, Leave, the mic, push to talk, camera and share screen share one row, and the door and Discussion another, muted or not, door open or locked, at 1024, 1280, 1440 and 1920 px', async ({
  hallway,
}) => {
  const [ada, sam] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('sam', 'Sam Okafor')])
  await sam.getByRole('button', { name: 'Set status' }).click()
  const dialog = sam.getByRole('dialog', { name: 'Set status' })
  await dialog.getByRole('textbox', { name: 'Status', exact: true }).fill(LONG_STATUS)
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toHaveCount(0)
  await sam.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join Kitchen' }).click()

  const kitchen = ada.getByRole('region', { name: 'Kitchen' })
  await kitchen.getByRole('button', { name: 'Join Kitchen' }).click()
  const samFace = kitchen.getByRole('button', { name: 'Sam Okafor', exact: true })
  await expect(samFace).toHaveAttribute('data-status', LONG_STATUS)
  // Cut under the face, whole for a screen reader and on hover.
  await expect(samFace.getByRole('img', { name: 'Sam Okafor' })).toHaveAccessibleDescription(new RegExp(LONG_STATUS))

  const actions = (mic: string) => ['Leave Kitchen', mic, 'Push to talk', 'Camera', 'Share screen']
  // An open room is entered with the mic on.
  await expect(kitchen.getByRole('button', { name: 'Mute', exact: true })).toBeVisible()
  await expectOneLineEach(ada, kitchen, samFace, [actions('Mute'), ['Close door', 'Lock door', 'Discussion']], 'mic on')

  await kitchen.getByRole('button', { name: 'Mute', exact: true }).click()
  await expect(kitchen.getByRole('button', { name: 'Unmute', exact: true })).toBeVisible()
  await expectOneLineEach(ada, kitchen, samFace, [actions('Unmute'), ['Close door', 'Lock door', 'Discussion']], 'muted')

  await kitchen.getByRole('button', { name: 'Lock door' }).click()
  await expect(kitchen.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible()
  await expectOneLineEach(ada, kitchen, samFace, [actions('Unmute'), ['Unlock', 'Unlock, keep closed', 'Discussion']], 'muted, door locked')
})
