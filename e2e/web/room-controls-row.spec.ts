// The controls of the room I am in keep one row (issue 12, the three-member walk): at 1280 px a
// three-column card was 274 px inside, and Leave, Unmute and three icons (286 px) put Share screen
// on a second row. A member's long status is cut under their face, whole in its description.
import { expect, test } from './fixtures'
import { boxOf, overhang, sameRow, settle, shoot } from './layout'

const WIDTHS = [1024, 1280, 1440, 1920] as const
const LONG_STATUS = 'Reviewing the Q3 plan with finance before the Friday board meeting, back after lunch'

test('in the room I am in, Leave, the mic, push to talk, camera and share screen share one row, and the door and Discussion another, muted or not, at 1024, 1280, 1440 and 1920 px', async ({
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

  const leave = kitchen.getByRole('button', { name: 'Leave Kitchen' })
  for (const mic of ['Mute', 'Unmute'] as const) {
    const micButton = kitchen.getByRole('button', { name: mic, exact: true })
    // An open room is entered with the mic on: Mute first, then Unmute once pressed.
    if (mic === 'Unmute') await kitchen.getByRole('button', { name: 'Mute', exact: true }).click()
    await expect(micButton).toBeVisible()
    const named = (names: string[]) => names.map((name) => [name, kitchen.getByRole('button', { name, exact: true })] as const)
    const actions = named([mic, 'Push to talk', 'Camera', 'Share screen'])
    const doorRow = named(['Lock door', 'Discussion'])

    for (const width of WIDTHS) {
      await ada.setViewportSize({ width, height: 900 })
      await settle(ada)
      const where = `at ${width} px with ${mic}`
      const card = await boxOf(kitchen)
      const [leaveBox, closeBox] = [await boxOf(leave), await boxOf(kitchen.getByRole('button', { name: 'Close door' }))]
      for (const [name, control] of actions) {
        const box = await boxOf(control)
        expect(sameRow(leaveBox, box), `${where}: ${name} is on Leave's row`).toBe(true)
        expect(overhang(box, card), `${where}: ${name} is inside the card`).toBe(0)
      }
      for (const [name, control] of doorRow) {
        const box = await boxOf(control)
        expect(sameRow(closeBox, box), `${where}: ${name} is on Close door's row`).toBe(true)
        expect(overhang(box, card), `${where}: ${name} is inside the card`).toBe(0)
      }
      expect(overhang(await boxOf(samFace), card), `${where}: Sam's face with his long status is inside the card`).toBe(0)
      await shoot(ada, `controls-${mic.toLowerCase()}-${width}`)
    }
  }
})
