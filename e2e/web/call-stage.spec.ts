// Issue 11 item 3, three members in one call through the real SFU: a shared screen takes the
// stage and can fill the window, a clicked camera takes the stage, each member sees themself in a
// small self-view, and speaking reaches every other member's office avatar.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { callPhase, openCallOffice, type CallOffice } from './call-office'

test.describe.configure({ mode: 'serial' })

let office: CallOffice | undefined
const member = (id: string) => office!.member(id)
const kitchen = (id: string) => member(id).getByRole('region', { name: 'Kitchen' })
const callBar = (id: string) => member(id).getByRole('group', { name: 'Call' })
const stage = (id: string) => callBar(id).getByRole('region', { name: 'Stage' })

test.beforeAll(async () => {
  test.setTimeout(120_000)
  office = await openCallOffice([
    ['ada', 'Ada Lovelace'],
    ['bob', 'Bob Kahn'],
    ['cy', 'Cy Young'],
  ])
})

test.afterAll(async () => {
  await office?.close()
})

/** The video shows decoded frames, not just an element waiting for a track. */
async function expectPlaying(video: Locator) {
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.videoWidth).catch(() => 0), { timeout: 15_000 }).toBeGreaterThan(0)
}

async function screenshotAt(page: Page, name: string) {
  const before = page.viewportSize()!
  for (const [width, height] of [
    [800, 600],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height })
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}x${height}.png`) })
  }
  await page.setViewportSize(before)
}

test('three members walk into the Kitchen and are all in its call', async () => {
  for (const id of ['ada', 'bob', 'cy']) await kitchen(id).getByRole('button', { name: /^Join/ }).click()
  for (const id of ['ada', 'bob', 'cy']) await expect.poll(() => callPhase(member(id)), { timeout: 15_000 }).toBe('connected')
})

test('a speaking member gets the speaking ring on every other member’s office avatar', async () => {
  for (const viewer of ['bob', 'cy']) {
    const adaThere = kitchen(viewer).getByRole('button', { name: 'Ada Lovelace', exact: true })
    await expect(adaThere).toHaveClass(/occupant--speaking/, { timeout: 15_000 })
    await expect(adaThere).toHaveAttribute('data-speaking', '')
    await expect(adaThere.getByRole('img')).toHaveAttribute('title', /^Ada Lovelace — .*Speaking\./)
  }
})

test('a shared screen takes the stage for the others, fills the window on request and goes back', async () => {
  await kitchen('ada').getByRole('button', { name: 'Share screen' }).click()
  for (const viewer of ['bob', 'cy']) {
    await expect(stage(viewer).getByRole('figure', { name: 'Ada Lovelace’s screen' })).toBeVisible({ timeout: 15_000 })
    await expectPlaying(stage(viewer).locator('video'))
  }
  const bob = member('bob')
  const staged = stage('bob').locator('video')
  // The bar's width inside its border and padding: what a child spanning it gets.
  const barInside = await callBar('bob').evaluate((bar) => {
    const style = getComputedStyle(bar)
    const edges = ['paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'] as const
    return bar.getBoundingClientRect().width - edges.reduce((sum, edge) => sum + parseFloat(style[edge]), 0)
  })
  const onStage = (await staged.boundingBox())!
  // The stage spans the call bar, wider than the 200 px tiles it replaces.
  expect(onStage.width).toBeGreaterThan(barInside * 0.95)
  expect(onStage.width).toBeGreaterThan(200)
  await screenshotAt(bob, 'screen-on-stage')

  await stage('bob').getByRole('button', { name: 'Full window' }).click()
  const viewport = bob.viewportSize()!
  await expect.poll(async () => staged.boundingBox()).toEqual({ x: 0, y: 0, width: viewport.width, height: viewport.height })
  await screenshotAt(bob, 'screen-full-window')

  await stage('bob').getByRole('button', { name: 'Back' }).click()
  await expect.poll(async () => (await staged.boundingBox())?.width).toBe(onStage.width)
  await expect(stage('bob').getByRole('button', { name: 'Full window' })).toBeFocused()

  // Escape also goes back.
  await stage('cy').getByRole('button', { name: 'Full window' }).click()
  await expect.poll(async () => (await stage('cy').locator('video').boundingBox())?.y).toBe(0)
  await member('cy').keyboard.press('Escape')
  await expect(stage('cy').getByRole('button', { name: 'Full window' })).toBeVisible()
  await expect.poll(async () => (await stage('cy').locator('video').boundingBox())?.y).toBeGreaterThan(0)
})

test('each member sees their own camera and screen in a small self-view, never on their own stage', async () => {
  await kitchen('bob').getByRole('button', { name: 'Camera' }).click()
  const bobsSelf = callBar('bob').getByRole('figure', { name: 'Your camera' })
  await expectPlaying(bobsSelf.locator('video'))
  expect((await bobsSelf.boundingBox())!.width).toBeLessThan(200)

  const adasScreen = callBar('ada').getByRole('figure', { name: 'Your screen' })
  await expectPlaying(adasScreen.locator('video'))
  // Bob's camera reached Ada as a small tile: by then her own screen would have taken her stage.
  await expectPlaying(callBar('ada').getByRole('figure', { name: 'Bob Kahn' }).locator('video'))
  await expect(stage('ada')).toHaveCount(0)
  await screenshotAt(member('ada'), 'self-view')
})

test('clicking a camera tile puts it on the stage; the screen share moves to the tiles', async () => {
  const bobsTile = callBar('cy').getByRole('button', { name: 'Show Bob Kahn on the stage' })
  await bobsTile.click()
  await expect(stage('cy').getByRole('figure', { name: 'Bob Kahn' })).toBeVisible()
  await expectPlaying(stage('cy').locator('video'))
  await expect(callBar('cy').getByRole('button', { name: 'Show Ada Lovelace’s screen on the stage' })).toBeVisible()
  await screenshotAt(member('cy'), 'camera-on-stage')

  await callBar('cy').getByRole('button', { name: 'Show Ada Lovelace’s screen on the stage' }).click()
  await expect(stage('cy').getByRole('figure', { name: 'Ada Lovelace’s screen' })).toBeVisible()
})

test('when the screen share stops, the stage goes and the cameras stay tiles', async () => {
  await kitchen('ada').getByRole('button', { name: 'Share screen' }).click()
  await expect(callBar('ada').getByRole('figure', { name: 'Your screen' })).toHaveCount(0)
  for (const viewer of ['bob', 'cy']) {
    await expect(stage(viewer)).toHaveCount(0, { timeout: 10_000 })
    await expect(callBar(viewer).getByRole('figure', { name: 'Ada Lovelace’s screen' })).toHaveCount(0)
  }
  await expect(callBar('cy').getByRole('figure', { name: 'Bob Kahn' })).toBeVisible()
  expect(office!.pageErrors, 'uncaught errors in the pages').toEqual([])
})
