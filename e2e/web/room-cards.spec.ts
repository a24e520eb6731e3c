// Room cards keep their shape (issue "A person's first day", item 4): what a card shows stays inside
// it, its header stays on one row, and the discussion drawer sits beside the cards, not over them.
import { expect, test } from './fixtures'
import { boxOf, overhang, sameRow, settle, shoot } from './layout'

const NARROW = { width: 800, height: 600 }
const WIDE = { width: 1440, height: 900 }

test('a face with every mark on stays inside the card, at 800×600 and 1440×900', async ({ hallway }) => {
  const [ada, sam, kim] = await Promise.all([
    hallway.open('ada', 'Ada Lovelace'),
    hallway.open('sam', 'Sam Rivers'),
    hallway.open('kim', 'Kim Gordon'),
  ])
  // Ada and Sam side by side in Kitchen, Ada with every mark on: mic, camera and screen.
  await sam.getByRole('button', { name: 'Join Kitchen' }).click()
  const adaKitchen = ada.getByRole('region', { name: 'Kitchen' })
  await adaKitchen.getByRole('button', { name: 'Join Kitchen' }).click()
  await adaKitchen.getByRole('button', { name: 'Camera' }).click()
  await adaKitchen.getByRole('button', { name: 'Share screen' }).click()
  await expect(adaKitchen.getByRole('button', { name: 'Camera' })).toHaveAttribute('aria-pressed', 'true')

  const kitchen = kim.getByRole('region', { name: 'Kitchen' })
  // The badges are drawn in the face's own box (CSS on its two nodes), so the face's box is what must fit.
  const adaThere = kitchen.getByRole('button', { name: 'Ada Lovelace', exact: true })
  for (const mark of ['data-mic', 'data-cam', 'data-screen']) await expect(adaThere).toHaveAttribute(mark, '')

  for (const [size, label] of [
    [NARROW, 'narrow'],
    [WIDE, 'wide'],
  ] as const) {
    await kim.setViewportSize(size)
    await settle(kim)
    expect(overhang(await boxOf(adaThere), await boxOf(kitchen)), `Ada's face pokes out of the card at ${label}`).toBe(0)
    await shoot(kim, `media-badges-${label}`)
  }
})

test('the room options button stays on the name’s row when the card shows a closed or locked door', async ({ hallway }) => {
  const [ada, sam] = await Promise.all([hallway.open('ada', 'Ada Lovelace', 'admin'), hallway.open('sam', 'Sam Rivers')])
  await sam.getByRole('button', { name: 'Join Standup' }).click()
  await sam.getByRole('region', { name: 'Standup' }).getByRole('button', { name: 'Lock door' }).click()
  // Focus Room starts closed; Standup is now locked: both show a door chip beside kind and capacity.
  await expect(ada.getByRole('region', { name: 'Standup' }).getByText('Locked', { exact: true })).toBeVisible()

  for (const [size, label] of [
    [NARROW, 'narrow'],
    [WIDE, 'wide'],
  ] as const) {
    await ada.setViewportSize(size)
    for (const discussing of [false, true]) {
      if (discussing) await ada.getByRole('region', { name: 'Lobby' }).getByRole('button', { name: 'Discussion' }).click()
      await settle(ada)
      for (const name of ['Focus Room', 'Standup']) {
        const room = ada.getByRole('region', { name })
        const heading = await boxOf(room.getByRole('heading', { name }))
        const options = await boxOf(room.getByRole('button', { name: 'Room options' }))
        const where = `${name} at ${label}${discussing ? ' with the discussion open' : ''}`
        expect(sameRow(heading, options), `${where}: the options button is on the name's row`).toBe(true)
        expect(overhang(options, await boxOf(room)), `${where}: the options button is inside the card`).toBe(0)
      }
      if (discussing) {
        await shoot(ada, `door-chips-discussing-${label}`)
        await ada.getByRole('button', { name: 'Close discussion' }).click()
      }
    }
  }
})

test('the cards do not move when I walk into a call or a member turns their camera on', async ({ hallway }) => {
  const [ada, sam] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('sam', 'Sam Rivers')])
  const samKitchen = sam.getByRole('region', { name: 'Kitchen' })
  await samKitchen.getByRole('button', { name: 'Join Kitchen' }).click()
  const adaKitchen = ada.getByRole('region', { name: 'Kitchen' })
  await expect(adaKitchen.getByRole('img', { name: 'Sam Rivers' })).toBeVisible()
  const tops = async () => Promise.all((await ada.getByRole('region').all()).map(async (room) => (await boxOf(room)).y))

  // Walking in brings up the call's line (here: calls are unavailable); what is above and beside
  // Kitchen stays put (Kitchen itself may grow by Ada's row, moving only the empty rooms' lines below it).
  await ada.setViewportSize(WIDE)
  await settle(ada)
  const floors = ada.getByRole('navigation', { name: 'Floors' })
  const [floorsTop, kitchenTop] = [(await boxOf(floors)).y, (await boxOf(adaKitchen)).y]
  await adaKitchen.getByRole('button', { name: 'Join Kitchen' }).click()
  await expect(ada.getByText('Calls are unavailable on this server')).toBeVisible()
  await settle(ada)
  expect([(await boxOf(floors)).y, (await boxOf(adaKitchen)).y], 'The floors and Kitchen after Ada walks in').toEqual([floorsTop, kitchenTop])

  for (const [size, label] of [
    [NARROW, 'narrow'],
    [WIDE, 'wide'],
  ] as const) {
    await Promise.all([ada.setViewportSize(size), sam.setViewportSize(size)])
    const camera = samKitchen.getByRole('button', { name: 'Camera' })
    const samOnAdaPage = adaKitchen.getByRole('button', { name: 'Sam Rivers', exact: true })
    await Promise.all([settle(ada), settle(sam)])
    const [before, samBefore] = [await tops(), (await boxOf(samKitchen)).y]

    await camera.click()
    await expect(samOnAdaPage).toHaveAttribute('data-cam', '')
    await expect(camera).toHaveAttribute('aria-pressed', 'true')
    await Promise.all([settle(ada), settle(sam)])
    expect(await tops(), `the cards on Ada's page at ${label}`).toEqual(before)
    expect((await boxOf(samKitchen)).y, `Kitchen on Sam's own page at ${label}`).toBe(samBefore)
    await shoot(ada, `camera-on-${label}`)

    await camera.click()
    await expect(samOnAdaPage).not.toHaveAttribute('data-cam')
  }
})

test('with the discussion open the header stays one row beside it, at 800×600, 1120×800 and 1440×900', async ({ hallway }) => {
  const [ada] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('sam', 'Sam Rivers')])
  // A long status and Do not disturb: the header at its fullest.
  await ada.getByRole('button', { name: 'Set status' }).click()
  const dialog = ada.getByRole('dialog', { name: 'Set status' })
  await dialog.getByRole('textbox', { name: 'Status', exact: true }).fill('Shipping the release notes before the Friday demo')
  await dialog.getByRole('switch', { name: 'Do not disturb' }).check()
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toHaveCount(0)
  const header = ada.getByRole('banner')
  await expect(header.getByText('Do not disturb', { exact: true })).toBeVisible()

  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Discussion' }).click()
  const panel = ada.getByRole('complementary', { name: 'Kitchen discussion' })
  await expect(panel).toBeVisible()
  const team = header.getByRole('heading', { level: 1 })
  const parts = [
    header.getByRole('button', { name: 'Set status' }),
    header.getByRole('button', { name: 'Edit profile' }),
    ada.getByRole('status').filter({ hasText: 'Online' }),
  ]

  for (const [size, label] of [
    [NARROW, 'narrow'],
    [{ width: 1120, height: 800 }, 'medium'],
    [WIDE, 'wide'],
  ] as const) {
    await ada.setViewportSize(size)
    await settle(ada)
    await shoot(ada, `header-discussing-${label}`)
    const [teamBox, headerBox, panelBox] = [await boxOf(team), await boxOf(header), await boxOf(panel)]
    let previous = teamBox
    for (const part of parts) {
      const box = await boxOf(part)
      expect(sameRow(teamBox, box), `${part} at ${label} is on the team name's row`).toBe(true)
      expect(box.x, `${part} at ${label} starts after the part before it ends`).toBeGreaterThanOrEqual(previous.x + previous.width)
      previous = box
    }
    expect(previous.x + previous.width, `the header's last part at ${label} ends within the header`).toBeLessThanOrEqual(headerBox.x + headerBox.width)
    expect(headerBox.x + headerBox.width, `the header at ${label} ends before the discussion`).toBeLessThanOrEqual(panelBox.x)
  }
})

test('at 800×600 the open discussion covers no room card’s buttons', async ({ hallway }) => {
  const [ada, sam] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('sam', 'Sam Rivers')])
  await sam.getByRole('button', { name: 'Join Lobby' }).click()
  const adaKitchen = ada.getByRole('region', { name: 'Kitchen' })
  await adaKitchen.getByRole('button', { name: 'Join Kitchen' }).click()
  await expect(adaKitchen.getByRole('button', { name: 'Leave Kitchen' })).toBeVisible()
  await ada.setViewportSize(NARROW)
  await adaKitchen.getByRole('button', { name: 'Discussion' }).click()
  await expect(ada.getByRole('complementary', { name: 'Kitchen discussion' })).toBeVisible()
  await settle(ada)
  await shoot(ada, 'discussion-open-narrow')

  const rooms = await ada.getByRole('region').all()
  expect(rooms.length).toBe(4)
  for (const room of rooms) {
    const roomName = await room.getByRole('heading').textContent()
    for (const button of await room.getByRole('button').all()) {
      await button.scrollIntoViewIfNeeded()
      await settle(ada)
      const box = await boxOf(button)
      const card = await boxOf(room)
      const what = `${roomName}: ${(await button.getAttribute('aria-label')) ?? (await button.textContent())}`
      expect(overhang(box, card), `${what} is inside its card`).toBe(0)
      // Its middle and four points toward its corners (inside the rounding) reach the button itself.
      const points = [
        [0.5, 0.5],
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ].map(([fx, fy]) => [box.x + box.width * fx!, box.y + box.height * fy!])
      const reached = await button.evaluate(
        (element, corners) => corners.map(([x, y]) => element.contains(document.elementFromPoint(x!, y!))),
        points,
      )
      expect(reached, `${what}: nothing lies over it`).toEqual(points.map(() => true))
    }
  }
})

test('a narrow card keeps its header on one line: a long name ends in an ellipsis, the kind chip and the count stay whole beside it, at 1100 and 1280 wide', async ({ hallway }) => {
  const [ada, sam, kim, lee] = await Promise.all([
    hallway.open('ada', 'Ada Lovelace', 'admin'),
    hallway.open('sam', 'Sam Rivers'),
    hallway.open('kim', 'Kim Gordon'),
    hallway.open('lee', 'Lee Ritenour'),
  ])
  // Three busy rooms share a row: each card is about a third of the rooms' width.
  await kim.getByRole('button', { name: 'Join Kitchen' }).click()
  await lee.getByRole('button', { name: 'Join Lobby' }).click()
  const name = 'Observatory for the quarterly planning review'
  const standup = ada.getByRole('region', { name: 'Standup' })
  await standup.getByRole('button', { name: 'Room options' }).click()
  await standup.getByRole('button', { name: 'Rename' }).click()
  await ada.getByRole('textbox', { name: 'Room name' }).fill(name)
  await ada.getByRole('textbox', { name: 'Room name' }).press('Enter')
  await sam.getByRole('button', { name: `Join ${name}` }).click()
  // Unread messages put a badge after the name: it must stay whole too.
  await sam.getByRole('region', { name }).getByRole('button', { name: 'Discussion' }).click()
  await sam.getByRole('textbox', { name: `Message ${name}` }).fill('Agenda in the doc')
  await sam.getByRole('textbox', { name: `Message ${name}` }).press('Enter')
  const room = ada.getByRole('region', { name: new RegExp(`^${name}`) })
  await expect(room.getByRole('heading', { name })).toHaveAttribute('data-unread', '1')

  for (const width of [1100, 1280]) {
    await ada.setViewportSize({ width, height: 800 })
    await settle(ada)
    await shoot(ada, `narrow-card-header-${width}`)
    const heading = room.getByRole('heading', { name })
    const [headingBox, chip, count, card] = [await boxOf(heading), await boxOf(room.getByText('Meeting', { exact: true })), await boxOf(room.locator('.capacity')), await boxOf(room)]
    expect(headingBox.height, `the name at ${width} is one line`).toBeLessThan(2 * 18)
    for (const [what, box] of [['the Meeting chip', chip], ['the count', count]] as const) {
      expect(sameRow(headingBox, box), `${what} at ${width} is on the name's line`).toBe(true)
      expect(box.x, `${what} at ${width} comes after the name`).toBeGreaterThanOrEqual(headingBox.x + headingBox.width - 0.5)
      expect(overhang(box, card), `${what} at ${width} is inside the card`).toBe(0)
    }
    const cut = await heading.evaluate((h2) => {
      const text = h2.firstElementChild as HTMLElement | null
      return { clipped: text !== null && text.scrollWidth > text.clientWidth, ellipsis: text === null ? '' : getComputedStyle(text).textOverflow }
    })
    expect(cut, `the name at ${width} is cut with an ellipsis`).toEqual({ clipped: true, ellipsis: 'ellipsis' })
    // A few letters and the ellipsis, not a lone dot: the chip and the count make room on a narrow card.
    expect(await heading.evaluate((h2) => h2.firstElementChild!.clientWidth), `the name at ${width} keeps a few letters`).toBeGreaterThanOrEqual(40)
    // The badge is the heading's ::after, beside the cut text: the heading itself must not overflow.
    expect(await heading.evaluate((h2) => h2.scrollWidth <= h2.clientWidth), `the unread badge at ${width} is whole`).toBe(true)
  }
})
