// First-day defects, round 2 (issue 12): what a real-use pass with three members found, each
// checked as a member meets it, against a real server in Chromium. This file: room cards and rows
// (door state, the empty-room line, Tab order, the muted face).
import type { Locator, Page } from '@playwright/test'
import { seriousViolations } from './axe'
import { expect, test } from './fixtures'
import { boxOf, inside, overlap, settle, shoot } from './layout'

const SIZES = [
  { width: 400, height: 860 },
  { width: 1440, height: 900 },
] as const

/** The name Tab lands on: the control's label, or its text. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    return element?.getAttribute('aria-label') ?? element?.querySelector('img')?.alt ?? element?.textContent?.trim() ?? ''
  })

test('an open room with its door closed shows one state, "Closed", with words for screen readers; an open door shows the kind', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  await ada.getByRole('region', { name: 'Lobby' }).getByRole('button', { name: 'Join Lobby' }).click()
  const bobsLobby = bob.getByRole('region', { name: 'Lobby' })
  await expect(bobsLobby.getByText('Kind: Open', { exact: true })).toBeVisible()

  await ada.getByRole('region', { name: 'Lobby' }).getByRole('button', { name: 'Close door' }).click()
  await expect(bobsLobby.getByText('Door: Closed', { exact: true })).toBeVisible()
  await expect(bobsLobby.getByText('Kind: Open', { exact: true })).toHaveCount(0)
  await expect(bobsLobby.getByText('Open', { exact: true })).toHaveCount(0)
  for (const colorScheme of ['light', 'dark'] as const) {
    await bob.emulateMedia({ colorScheme })
    await settle(bob)
    await shoot(bob, `lobby-closed-${colorScheme}`)
  }
})

test('an empty room’s one-line row keeps name, door state, Join, Discussion and options apart, at 400 px and 1440 px', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace', 'admin')
  const lines = ada.getByRole('group', { name: 'Empty rooms' })
  // Focus Room starts with its door closed: the row that ran its chip into Join.
  const focusRoom = lines.getByRole('region', { name: 'Focus Room' })
  await expect(focusRoom.getByText('Door: Closed', { exact: true })).toBeAttached()

  for (const size of SIZES) {
    await ada.setViewportSize(size)
    await settle(ada)
    for (const row of await lines.getByRole('region').all()) {
      const name = (await row.getByRole('heading').textContent()) ?? ''
      const parts: Array<[string, Locator]> = [
        ['name', row.getByRole('heading')],
        ['Join', row.getByRole('button', { name: `Join ${name}` })],
        ['Discussion', row.getByRole('button', { name: 'Discussion' })],
        ['options', row.getByRole('button', { name: 'Room options' })],
      ]
      const door = row.locator('.chip--door')
      if ((await door.count()) > 0) parts.push(['door state', door])
      const rowBox = await boxOf(row)
      const boxes = await Promise.all(parts.map(async ([label, locator]) => [label, await boxOf(locator)] as const))
      for (const [label, box] of boxes) expect(inside(box, rowBox), `${name} at ${size.width} px: ${label} inside the row`).toBe(true)
      for (const [i, [a, boxA]] of boxes.entries())
        for (const [b, boxB] of boxes.slice(i + 1)) expect(overlap(boxA, boxB), `${name} at ${size.width} px: ${a} and ${b} overlap`).toBe(false)
    }
    // The name is shown whole where it is as short as "Focus Room", even at 400 px.
    expect(await focusRoom.getByRole('heading').evaluate((node) => node.scrollWidth <= node.clientWidth), `Focus Room whole at ${size.width} px`).toBe(true)
    await shoot(ada, `room-lines-${size.width}`)
  }
  // A row's options open over the rows under it (at 400 px, right under it), and take the click.
  await ada.setViewportSize(SIZES[0])
  const lobby = lines.getByRole('region', { name: 'Lobby' })
  await lobby.getByRole('button', { name: 'Room options' }).click()
  for (const item of ['Rename', 'Delete room']) await lobby.getByRole('button', { name: item }).click({ trial: true, timeout: 5_000 })
  await ada.keyboard.press('Escape')
})

test('Tab goes through a room card as name, faces, actions, then Room options last', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace', 'admin'), hallway.open('bob', 'Bob Kahn')])
  await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join Kitchen' }).click()
  const kitchen = ada.getByRole('region', { name: 'Kitchen' })
  const bobsFace = kitchen.getByRole('button', { name: 'Bob Kahn', exact: true })
  await expect(bobsFace).toBeVisible()

  // From the control just before the card (the last one of the card before it), Tab walks in.
  const before = await kitchen.evaluate((card) => {
    const all = [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')]
    const first = all.findIndex((element) => card.contains(element))
    all[first - 1]!.focus()
    return all[first - 1]!.getAttribute('aria-label') ?? all[first - 1]!.textContent
  })
  expect(before).toBeTruthy()
  const order: string[] = []
  for (;;) {
    await ada.keyboard.press('Tab')
    if (!(await kitchen.evaluate((card) => card.contains(document.activeElement)))) break
    order.push(await focusedName(ada))
  }
  expect(order).toEqual(['Bob Kahn', 'Join Kitchen', 'Discussion', 'Room options'])
})

test('a muted person in a room carries a crossed-out mic on their face, in light and dark, and "Muted." in its description', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  const adasKitchen = ada.getByRole('region', { name: 'Kitchen' })
  await adasKitchen.getByRole('button', { name: 'Join Kitchen' }).click()
  const adaSeenByBob = bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Ada Lovelace', exact: true })
  await expect(adaSeenByBob).toHaveAttribute('data-mic', '')
  // The mute mark is the last background layer of the face's badge pseudo-element.
  const muteLayer = () => adaSeenByBob.evaluate((face) => getComputedStyle(face, '::before').backgroundImage.split(/,\s*(?=url|none)/).at(-1))
  expect(await muteLayer()).toBe('none')
  await expect(adaSeenByBob.getByRole('img')).toHaveAccessibleDescription(/Mic on\./)

  await adasKitchen.getByRole('button', { name: 'Mute' }).click()
  await expect(adaSeenByBob).not.toHaveAttribute('data-mic')
  expect(await muteLayer()).toMatch(/^url\("data:image\/svg\+xml/)
  await expect(adaSeenByBob.getByRole('img')).toHaveAccessibleDescription(/Muted\./)
  expect(await adaSeenByBob.evaluate((face) => face.querySelectorAll('*').length), 'the face is still a button and one img').toBe(1)
  for (const colorScheme of ['light', 'dark'] as const) {
    await bob.emulateMedia({ colorScheme })
    await settle(bob)
    expect(await seriousViolations(bob), `axe, ${colorScheme}`).toEqual([])
    await bob.getByRole('region', { name: 'Kitchen' }).screenshot({ path: test.info().outputPath(`muted-face-${colorScheme}.png`) })
  }

  await adasKitchen.getByRole('button', { name: 'Unmute' }).click()
  await expect(adaSeenByBob).toHaveAttribute('data-mic', '')
  expect(await muteLayer()).toBe('none')
})
