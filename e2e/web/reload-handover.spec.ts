// A reload paints the saved office, then hands over to the core's (renderer/ui/office-session.ts).
// The core's first view is built from its own copy before the server's presence is in: handing
// over then would show everyone but me offline for a moment, and refill the office after.
import { startWebServer } from '../../scripts/serve-web'
import { pausableProxy } from '../../server/testing/pausable-proxy'
import { expect, test } from './fixtures'
import { hallwayCli, startCrowdProcess } from './hallway-server'

const CROWD = 20

interface FaceRecord {
  busy: boolean
  online: number
}

/** Installed before the page's scripts: after every DOM change, whether the office is busy and how many online faces it shows. */
function recordOnlineFaces(): void {
  const records: FaceRecord[] = []
  ;(window as unknown as { faceRecords: FaceRecord[] }).faceRecords = records
  new MutationObserver(() => {
    const office = document.querySelector('.office')
    if (!office) return
    const online = [...document.querySelectorAll('.face')].filter((face) => !face.closest('aside[aria-label="Offline"]')).length
    records.push({ busy: office.getAttribute('aria-busy') === 'true', online })
  }).observe(document, { subtree: true, childList: true, attributes: true })
}

/** Runs in the page: how many members the saved office shows online, or 0 while none is saved. */
function savedOnlineCount(): number {
  const key = Object.keys(localStorage).find((name) => name.startsWith('hallway.officeView:'))
  if (!key) return 0
  const members = (JSON.parse(localStorage.getItem(key)!) as { view: { members: Record<string, { online: boolean }> } }).view.members
  return Object.values(members).filter((member) => member.online).length
}

test('a reload with a crowd online never shows fewer online faces than are online: the saved office stays until the live one knows who is here', async ({ hallway }) => {
  // Seeding and a crowd of real cores on a shared machine: room for setup, not a timing claim.
  test.setTimeout(120_000)
  await hallwayCli('seed', '--data', hallway.dataDir, '--team', hallway.teamId, '--members', '60', '--rooms', '3')
  const crowd = await startCrowdProcess(hallway.serverUrl, hallway.dataDir, hallway.teamId, CROWD)
  try {
    const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
    const everyoneOnline = CROWD + 2
    await expect(ada.getByRole('complementary', { name: 'Hallway' }).getByRole('img')).toHaveCount(everyoneOnline, { timeout: 30_000 })
    await expect.poll(() => ada.evaluate(savedOnlineCount)).toBe(everyoneOnline)

    await ada.addInitScript(recordOnlineFaces)
    await ada.reload()
    await expect(ada.locator('.office')).toHaveAttribute('aria-busy', 'false')
    // A later change, seen live: anything the handover would have shown wrongly has been drawn by now.
    await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join Kitchen' }).click()
    await expect(ada.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Bob Kahn' })).toBeVisible()

    const records = await ada.evaluate(() => (window as unknown as { faceRecords: FaceRecord[] }).faceRecords)
    const painted = records.filter((record) => record.online > 0)
    // The saved office was painted (busy) before the live one…
    expect(painted[0]).toEqual({ busy: true, online: everyoneOnline })
    expect(painted.some((record) => !record.busy)).toBe(true)
    // …and no frame in between or after showed anyone who is online as gone.
    expect(painted.filter((record) => record.online < everyoneOnline)).toEqual([])
  } finally {
    await crowd.stop()
  }
})

test.describe('with the server down', () => {
  test.use({ ownServer: true })

  test('a reload still hands over to the live office, which says it is offline, and presses work on it', async ({ hallway }) => {
    const ada = await hallway.open('ada', 'Ada Lovelace')
    await expect(ada.getByRole('status')).toHaveText('Online')
    await expect.poll(() => ada.evaluate(savedOnlineCount)).toBe(1)

    await hallway.killServer()
    await expect(ada.getByRole('status')).toContainText('Offline')
    await ada.reload()
    await expect(ada.locator('.office')).toHaveAttribute('aria-busy', 'false')
    await expect(ada.getByRole('status')).toContainText('Offline, reconnecting')
    // Live, not the saved office: joining a room works offline, on this device's copy.
    await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join Kitchen' }).click()
    await expect(ada.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Ada Lovelace' })).toBeVisible()
  })
})

test('a reload while the server is slow to admit keeps the saved office, saying it is connecting, until the server has said who is here', async ({ hallway, browser }) => {
  // Ada reaches the server through a proxy that can hold a new connection's answers; her web client is served for it.
  const proxy = await pausableProxy(Number(new URL(hallway.serverUrl).port))
  const web = await startWebServer({ serverUrl: proxy.url, port: 0 })
  const context = await browser.newContext()
  try {
    const pageErrors: string[] = []
    const ada = await context.newPage()
    ada.on('pageerror', (error) => pageErrors.push(error.message))
    await ada.goto(`${web.url}?${new URLSearchParams({ server: proxy.url, team: hallway.teamId, token: await hallway.token('ada', 'Ada Lovelace') })}`)
    const bob = await hallway.open('bob', 'Bob Kahn')
    await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join Kitchen' }).click()
    const kitchen = ada.getByRole('region', { name: 'Kitchen' })
    await expect(kitchen.getByRole('img', { name: 'Bob Kahn' })).toBeVisible()
    await expect.poll(() => ada.evaluate(savedOnlineCount)).toBe(2)

    await ada.addInitScript(recordOnlineFaces)
    proxy.holdNew()
    await ada.reload()
    const office = ada.locator('.office')
    await expect(office).toHaveAttribute('aria-busy', 'true')
    // Once the core is up (a press says it is reaching the server, not still opening)…
    const bobFace = kitchen.getByRole('button', { name: /Bob Kahn/ })
    await expect(async () => {
      await bobFace.click()
      await expect(ada.getByText('Hallway is reaching the server to see who is here. Try again in a moment.')).toBeVisible({ timeout: 1_000 })
    }).toPass()
    // …the page waits past the 5 s after which its half-empty view used to replace the saved one (an absence check: slack for a busy machine).
    const coreUp = await ada.evaluate(() => performance.now())
    await ada.waitForFunction((since) => performance.now() > since + 7_000, coreUp, { timeout: 20_000 })
    await expect(office).toHaveAttribute('aria-busy', 'true')
    await expect(kitchen.getByRole('img', { name: 'Bob Kahn' })).toBeVisible()
    await expect(ada.locator('.connection-text')).toHaveText('Connecting…')

    proxy.admit()
    await expect(office).toHaveAttribute('aria-busy', 'false')
    await expect(ada.getByRole('status', { name: 'Online' })).toHaveText('Online')
    await expect(kitchen.getByRole('img', { name: 'Bob Kahn' })).toBeVisible()
    const records = await ada.evaluate(() => (window as unknown as { faceRecords: FaceRecord[] }).faceRecords)
    const painted = records.filter((record) => record.online > 0)
    expect(painted[0]).toEqual({ busy: true, online: 2 })
    expect(painted.some((record) => !record.busy)).toBe(true)
    // No frame, held or handed over, showed Bob (or Ada) as gone.
    expect(painted.filter((record) => record.online < 2)).toEqual([])
    expect(pageErrors).toEqual([])
  } finally {
    await context.close()
    await web.close()
    await proxy.close()
  }
})
