// First-day defects, round 2 (issue 12): what a real-use pass with three members found, each
// checked as a member meets it, against a real server in Chromium.
import { rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Locator, Page } from '@playwright/test'
import { startWebServer } from '../../scripts/serve-web'
import { seriousViolations } from './axe'
import { createTestTeam, startTestServer, tempDir, tokenFor } from '../../server/testing/harness'
import { callPhase, openCallOffice } from './call-office'
import { drawPhoto } from './draw-photo'
import { expect, test } from './fixtures'

const SIZES = [
  { width: 400, height: 860 },
  { width: 1440, height: 900 },
] as const

interface Box {
  x: number
  y: number
  width: number
  height: number
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox()
  if (!box) throw new Error(`${locator} has no box: it is not rendered`)
  return box
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5

/** The pointer parked outside the office (hover lifts a card) and every finite transition done. */
async function settle(page: Page) {
  await page.mouse.move(0, 0)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  )
}

const shoot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) })

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

test.describe('with the server going away', () => {
  test.use({ ownServer: true })
  // A server of its own to start, kill and restart on a shared 2-core machine: room for setup, not a timing claim.
  test.describe.configure({ timeout: 60_000 })

  test('offline, the floor tally says it is the count last seen, and a plain count again once back', async ({ hallway }) => {
    const [ada] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
    const floors = ada.getByRole('navigation', { name: 'Floors' })
    await expect(floors.getByText('2 online · 2 in the hallway', { exact: true })).toBeVisible()

    await hallway.killServer()
    await expect(floors.getByText('Last seen 2 online · 2 in the hallway', { exact: true })).toBeVisible()
    await shoot(ada, 'offline-tally')

    await hallway.restartServer()
    await expect(floors.getByText(/^2 online/)).toBeVisible()
    await expect(floors.getByText(/Last seen/)).toHaveCount(0)
  })

  test('offline in an 800 px window, the header keeps one row: the badge says "Offline" with Retry, the full sentence is its accessible text and title', async ({ hallway }) => {
    const ada = await hallway.open('ada', 'Ada Lovelace')
    await ada.setViewportSize({ width: 800, height: 600 })
    const badge = ada.getByRole('status').filter({ has: ada.locator('.connection-dot') })
    await expect(badge).toHaveText('Online')
    const onlineHeight = (await boxOf(badge)).height

    await hallway.killServer()
    const sentence = 'Offline, reconnecting — this is the office as you last saw it; your changes sync when you are back'
    await expect(badge).toContainText(sentence)
    await expect(badge).toHaveAttribute('title', sentence)
    await expect(badge.getByText('Offline', { exact: true })).toBeVisible()
    // Clipped to a point, as screen-reader-only text is (Playwright still counts a 1 px box visible).
    expect((await boxOf(badge.getByText(sentence))).width).toBeLessThanOrEqual(1)
    await expect(badge.getByRole('button', { name: 'Retry now' })).toBeVisible()
    await settle(ada)
    expect((await boxOf(badge)).height).toBeLessThanOrEqual(onlineHeight + 1)
    // My name beside it is whole: the team name gave way first (my name is clamped to one line, so a cut one overflows it).
    const myName = ada.locator('.me-name')
    expect(await myName.evaluate((name) => name.scrollHeight <= name.clientHeight)).toBe(true)
    await shoot(ada, 'offline-header-800')

    await ada.setViewportSize({ width: 1440, height: 900 })
    await expect.poll(async () => (await boxOf(badge.getByText(sentence))).width).toBeGreaterThan(100)
    await expect(badge.getByText('Offline', { exact: true })).toBeHidden()
  })
})

test('a call that cannot reach the server says so in the call panel with what to do next, light and dark', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace')
  await ada.setViewportSize({ width: 1440, height: 900 })
  // The call-token request is dropped at the browser's edge (a simulated network failure).
  await ada.route('**/api/livekit/token', (route) => route.abort('internetdisconnected'))
  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join Kitchen' }).click()
  const call = ada.getByRole('group', { name: 'Call' })
  await expect(call.getByRole('alert')).toContainText('Call failed: Could not reach the server for the call.')
  await expect(call.getByRole('alert')).toContainText('Check your connection, then press Retry.')
  await expect(call.getByRole('button', { name: 'Retry' })).toBeVisible()
  for (const colorScheme of ['light', 'dark'] as const) {
    await ada.emulateMedia({ colorScheme })
    await settle(ada)
    expect(await seriousViolations(ada), `axe, ${colorScheme}`).toEqual([])
    await shoot(ada, `call-failed-${colorScheme}`)
  }
  // Retry asks again: with the network back (here, a server without calls) the panel moves on.
  await ada.unroute('**/api/livekit/token')
  await call.getByRole('button', { name: 'Retry' }).click()
  await expect(ada.getByText('Calls are unavailable on this server — presence and chat still work.')).toBeVisible()
})

test('a new member whose photo upload fails is told so and where to try again; the form shows a picked avatar from the start', async ({ hallway }) => {
  const joiner = await hallway.visit(Object.fromEntries((await hallway.inviteLink()).searchParams))
  await expect(joiner.getByRole('heading', { name: 'Join your team on Hallway' })).toBeVisible()
  await expect(joiner.getByRole('radio', { checked: true })).toHaveCount(1)
  const picked = joiner.locator('.avatar-option--picked')
  await expect(picked).toHaveCount(1)
  await joiner.screenshot({ path: test.info().outputPath('join-form-default-avatar.png'), fullPage: true })

  await joiner.getByRole('textbox', { name: 'Your name' }).fill('Grace Hopper')
  await joiner.getByLabel('Upload a photo').setInputFiles({ name: 'grace.png', mimeType: 'image/png', buffer: await drawPhoto(joiner) })
  await expect(joiner.getByRole('radio', { name: 'Your photo' })).toBeChecked()
  // The network drops the upload (a simulated failure at the browser's edge): the invite is already spent.
  await joiner.route('**/api/avatars', (route) => route.abort('internetdisconnected'))
  await joiner.getByRole('button', { name: 'Join' }).click()

  await expect(joiner.getByRole('alert')).toHaveText(
    'Your photo was not saved: the server could not be reached to upload your photo. Check your connection and try again. Try again from Edit profile.',
  )
  const go = joiner.getByRole('button', { name: 'Go to the office' })
  await expect(go).toBeFocused()
  await joiner.screenshot({ path: test.info().outputPath('join-photo-not-saved.png'), fullPage: true })
  await go.click()
  await expect(joiner.getByRole('button', { name: 'Edit profile' })).toBeVisible()
  await expect(joiner.getByRole('img', { name: 'Grace Hopper', exact: true }).first()).toBeVisible()
})

function serveBrokenPage(): Promise<Server & { hits: () => number }> {
  let hits = 0
  const target = createServer((request, response) => {
    if (request.url === '/broken') {
      hits += 1
      response.writeHead(500).end('down')
      return
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end('<!doctype html><html><head><meta property="og:title" content="The working page"></head><body></body></html>')
  })
  return new Promise((resolve) => target.listen(0, '127.0.0.1', () => resolve(Object.assign(target, { hits: () => hits }))))
}

test('a link whose preview fails keeps its message, shows no card, and leaves no console error or unhandled rejection', async ({ browser, webBuild: _ }) => {
  const target = await serveBrokenPage()
  const dataDir = tempDir('hallway-e2e-unfurl-fail-')
  const server = await startTestServer(dataDir, { unfurl: { allowLoopbackForTests: true } })
  const web = await startWebServer({ serverUrl: server.url, port: 0 })
  try {
    const teamId = await createTestTeam(dataDir)
    const context = await browser.newContext()
    const problems: string[] = []
    context.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`))
    context.on('weberror', (error) => problems.push(`uncaught: ${error.error().message}`))
    const page = await context.newPage()
    // The core runs in a Web Worker, which fetches the preview: its console is listened to as well.
    page.on('worker', (worker) => worker.on('console', (message) => message.type() === 'error' && problems.push(`worker console: ${message.text()}`)))
    await page.goto(`${web.url}?${new URLSearchParams({ server: server.url, team: teamId, token: await tokenFor(dataDir, teamId, 'ada') })}`)
    await page.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Discussion' }).click()
    const panel = page.getByRole('complementary', { name: 'Kitchen discussion' })
    const composer = panel.getByRole('textbox', { name: 'Message Kitchen' })
    const base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`

    const failed = context.waitForEvent('response', (response) => response.url().includes('/api/unfurl') && response.status() === 502)
    await composer.fill(`Broken: ${base}/broken`)
    await composer.press('Enter')
    await failed
    expect(target.hits()).toBeGreaterThan(0)
    // A later link that unfurls: once its card shows, the broken one has had its time to show one.
    await composer.fill(`Working: ${base}/ok`)
    await composer.press('Enter')
    await expect(panel.getByRole('link', { name: /The working page/ })).toBeVisible()

    await expect(panel.getByText(`Broken: ${base}/broken`)).toBeVisible()
    await expect(panel.getByRole('link', { name: new RegExp(`${base}/broken`) })).toHaveCount(1)
    await expect(panel.locator('.preview')).toHaveCount(1)
    expect(problems).toEqual([])
    await context.close()
  } finally {
    await web.close()
    await server.close()
    target.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('the call panel lays its device pickers out with labels above full-width selects that end in an ellipsis, light and dark', async () => {
  test.setTimeout(120_000)
  const office = await openCallOffice([['ada', 'Ada Lovelace']])
  try {
    const ada = office.member('ada')
    await ada.setViewportSize({ width: 1440, height: 900 })
    await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join Kitchen' }).click()
    await expect.poll(() => callPhase(ada), { timeout: 15_000 }).toBe('connected')
    const call = ada.getByRole('group', { name: 'Call' })
    await expect(call.getByText('In Kitchen — connected')).toBeVisible()
    const microphone = call.getByRole('combobox', { name: 'Microphone' })
    await expect(microphone).toBeVisible()
    const [panel, label, select] = await Promise.all([boxOf(call), boxOf(call.getByText('Microphone', { exact: true })), boxOf(microphone)])
    expect(label.y + label.height, 'the label sits above its select').toBeLessThanOrEqual(select.y + 0.5)
    expect(inside(select, panel), 'the select is inside the panel').toBe(true)
    // The whole device name is in the select's title, however the select cuts it.
    const shown = await microphone.evaluate((element: HTMLSelectElement) => element.selectedOptions[0]?.textContent ?? '')
    await expect(microphone).toHaveAttribute('title', shown)
    for (const colorScheme of ['light', 'dark'] as const) {
      await ada.emulateMedia({ colorScheme })
      await settle(ada)
      expect(await seriousViolations(ada), `axe, ${colorScheme}`).toEqual([])
      await shoot(ada, `call-panel-${colorScheme}`)
    }
    expect(office.pageErrors).toEqual([])
  } finally {
    await office.close()
  }
})
