import type { BrowserContext, Route } from '@playwright/test'
import { expect, test } from './fixtures'
import { hallwayCli } from './hallway-server'

// A reload paints the office this device saved (renderer/office/view-snapshot.ts) before the core's
// worker is up. To prove "before", the worker's script is held back until the test lets it load.

/** Holds every request for the core worker's script in this context until `release`. */
async function holdCoreWorker(context: BrowserContext): Promise<{ held: () => number; release: () => Promise<void> }> {
  const routes: Route[] = []
  let releasing = false
  await context.route(/\/core-worker-[^/]*\.js$/, (route) => (releasing ? route.continue() : void routes.push(route)))
  return {
    held: () => routes.length,
    release: async () => {
      releasing = true
      await Promise.all(routes.splice(0).map((route) => route.continue()))
    },
  }
}

/** Runs in the page: the member ids in each room of the saved office, or null while none is saved. */
function savedOccupants(): Record<string, string[]> | null {
  const key = Object.keys(localStorage).find((name) => name.startsWith('hallway.officeView:'))
  if (!key) return null
  const rooms = (JSON.parse(localStorage.getItem(key)!) as { view: { rooms: Record<string, { name: string; occupants: string[] }> } }).view.rooms
  return Object.fromEntries(Object.values(rooms).map((room) => [room.name, room.occupants]))
}

test('after a reload the saved office shows before the core worker loads, busy, readable by role and name, and refusing presses; once live, a member who left meanwhile is gone', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join' }).click()
  await expect(ada.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Bob Kahn' })).toBeVisible()
  await expect.poll(() => ada.evaluate(savedOccupants)).toMatchObject({ Kitchen: ['bob'] })

  // Ada closes her tab; Bob goes home while it is closed.
  const context = ada.context()
  const url = ada.url()
  await ada.close()
  await bob.close()
  const watcher = await hallway.open('cy', 'Cy Twombly')
  await expect(watcher.getByRole('region', { name: 'Kitchen' })).toBeVisible()
  await expect(watcher.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Bob Kahn' })).toHaveCount(0)

  const worker = await holdCoreWorker(context)
  const again = await context.newPage()
  await again.goto(url)
  await expect.poll(worker.held).toBe(1)
  // The office as Ada last saw it, Bob in the Kitchen, marked busy and connecting, in the accessibility tree (not inert).
  const office = again.locator('.office')
  await expect(office).toHaveAttribute('aria-busy', 'true')
  await expect(office).toHaveJSProperty('inert', false)
  const savedKitchen = again.getByRole('region', { name: 'Kitchen' })
  await expect(savedKitchen.getByRole('img', { name: 'Bob Kahn' })).toBeVisible()
  await expect(again.locator('.connection-text')).toHaveText('Connecting…')
  await expect(again.getByRole('heading', { level: 1 })).toHaveText(hallway.teamName)
  // Not operable: pressing Bob's face says the office is still opening, and his card (a local dialog) never opens.
  await savedKitchen.getByRole('button', { name: /Bob Kahn/ }).click()
  await expect(again.getByText('Hallway is still opening your office. Try again in a moment.')).toBeVisible()
  await expect(again.getByRole('dialog')).toHaveCount(0)

  await worker.release()
  await expect(office).toHaveAttribute('aria-busy', 'false')
  await expect(again.getByRole('region', { name: 'Kitchen' })).toBeVisible()
  await expect(again.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Bob Kahn' })).toHaveCount(0)
  await expect(again.getByRole('status', { name: 'Online' })).toHaveText('Online')
  // Live again, it acts: Ada walks into the Kitchen.
  await again.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join' }).click()
  await expect(watcher.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Ada Lovelace' })).toBeVisible()
})

test('a damaged saved office is ignored: the reload opens the normal way, and the live office saves a good one again', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace')
  await expect(ada.getByRole('region', { name: 'Kitchen' })).toBeVisible()
  await expect.poll(() => ada.evaluate(savedOccupants)).not.toBeNull()
  await ada.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.startsWith('hallway.officeView:'))!
    const saved = JSON.parse(localStorage.getItem(key)!) as { view: { rooms: unknown } }
    saved.view.rooms = 'not rooms'
    localStorage.setItem(key, JSON.stringify(saved))
  })

  const worker = await holdCoreWorker(ada.context())
  await ada.reload()
  await expect.poll(worker.held).toBe(1)
  await expect(ada.getByText('Opening your office…')).toBeVisible()
  await expect(ada.locator('[role="region"]')).toHaveCount(0)

  await worker.release()
  await expect(ada.getByRole('region', { name: 'Kitchen' })).toBeVisible()
  await expect(ada.locator('.office')).toHaveAttribute('aria-busy', 'false')
  await expect.poll(() => ada.evaluate(savedOccupants)).toMatchObject({ Kitchen: [] })
})

test('a saved office is shown only to the member who saved it', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace')
  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join' }).click()
  await expect.poll(() => ada.evaluate(savedOccupants)).toMatchObject({ Kitchen: ['ada'] })

  // Bob signs in on the same browser, in the same tab.
  const worker = await holdCoreWorker(ada.context())
  await ada.goto(ada.url().replace(/token=[^&]*/, `token=${await hallway.token('bob', 'Bob Kahn')}`))
  await expect.poll(worker.held).toBe(1)
  await expect(ada.getByText('Opening your office…')).toBeVisible()
  await expect(ada.locator('.face')).toHaveCount(0)
  await worker.release()
  await expect(ada.getByRole('region', { name: 'Kitchen' })).toBeVisible()
  await expect(ada.locator('.office')).toHaveAttribute('aria-busy', 'false')
  await expect(ada.locator('.me-name')).toHaveText('Bob Kahn')
})

test('the live office keeps the saved office\'s nodes for whoever is in both: the same room card and faces, the left member\'s face gone, the new one\'s added', async ({ hallway }) => {
  const [ada, bob, cy] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn'), hallway.open('cy', 'Cy Twombly')])
  for (const page of [bob, cy]) await page.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join' }).click()
  await expect.poll(() => ada.evaluate(savedOccupants)).toMatchObject({ Kitchen: ['bob', 'cy'] })

  // Ada closes her tab; Cy goes home and Dee, new to the team, walks into the Kitchen meanwhile.
  const context = ada.context()
  const url = ada.url()
  await ada.close()
  await cy.close()
  const dee = await hallway.open('dee', 'Dee Dee')
  await dee.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join' }).click()
  await expect(dee.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Dee Dee' })).toBeVisible()
  await expect(dee.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Cy Twombly' })).toHaveCount(0)

  const worker = await holdCoreWorker(context)
  const again = await context.newPage()
  await again.goto(url)
  await expect.poll(worker.held).toBe(1)
  const kitchen = again.getByRole('region', { name: 'Kitchen' })
  await expect(kitchen.getByRole('img', { name: 'Cy Twombly' })).toBeVisible()
  const kept = [kitchen, kitchen.getByRole('button', { name: /Bob Kahn/ }), again.getByRole('complementary', { name: 'Hallway' }).getByRole('button', { name: /Ada Lovelace/ })]
  // Marks the saved office's nodes: a node the live office made anew has no mark.
  for (const node of kept) await node.evaluate((element) => element.setAttribute('data-saved-paint', ''))
  await kitchen.getByRole('button', { name: /Cy Twombly/ }).evaluate((element) => element.setAttribute('data-saved-paint', ''))

  await worker.release()
  await expect(again.locator('.office')).toHaveAttribute('aria-busy', 'false')
  await expect(kitchen.getByRole('img', { name: 'Dee Dee' })).toBeVisible()
  await expect(kitchen.getByRole('img', { name: 'Cy Twombly' })).toHaveCount(0)
  await expect(kitchen.getByRole('button', { name: /Dee Dee/ })).not.toHaveAttribute('data-saved-paint')
  for (const node of kept) await expect(node).toHaveAttribute('data-saved-paint', '')
  // Cy's saved face went with him: the one in the Offline list is new.
  await expect(again.locator('.face[data-saved-paint]')).toHaveCount(2)
  await expect(again.getByRole('complementary', { name: 'Offline' }).getByRole('img', { name: 'Cy Twombly' })).toBeVisible()
  // The kept card is the live one: Bob going home takes his face out of it, and it stays.
  await bob.close()
  await expect(kitchen.getByRole('img', { name: 'Bob Kahn' })).toHaveCount(0)
  await expect(kitchen).toHaveAttribute('data-saved-paint', '')
})

/** Runs in the page: where the saved office has a member (online, room), or null while it has none of them. */
function savedPlace(id: string): { online: boolean; room: string | null } | null {
  const key = Object.keys(localStorage).find((name) => name.startsWith('hallway.officeView:'))
  const member = key ? (JSON.parse(localStorage.getItem(key)!) as { view: { members: Record<string, { online: boolean; room: string | null }> } }).view.members[id] : undefined
  return member ? { online: member.online, room: member.room } : null
}

test('a keyboard user on a saved face the live office draws elsewhere is put on the face in its place', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  await expect.poll(() => ada.evaluate(savedPlace, 'bob')).toEqual({ online: true, room: null })

  const worker = await holdCoreWorker(ada.context())
  await ada.reload()
  await expect.poll(worker.held).toBe(1)
  await expect(ada.locator('.office')).toHaveAttribute('aria-busy', 'true')
  // Bob walks into the Kitchen while Ada's office is still the saved one, with him in the hallway.
  await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join' }).click()
  const savedFace = ada.getByRole('complementary', { name: 'Hallway' }).getByRole('button', { name: /Bob Kahn/ })
  await savedFace.focus()

  await worker.release()
  await expect(ada.locator('.office')).toHaveAttribute('aria-busy', 'false')
  await expect(savedFace).toHaveCount(0)
  const liveFace = ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: /Bob Kahn/ })
  await expect(liveFace).toBeFocused()
  // And the keyboard acts on it now: Enter opens Bob's card.
  await ada.keyboard.press('Enter')
  await expect(ada.getByRole('dialog')).toBeVisible()
})

/** Installed before the page's scripts: the members whose faces the first frame with faces holds (read in its animation frame, just before it paints). */
function recordFirstFrameFaces(): void {
  const record = window as unknown as { firstFrameFaces?: string[] }
  new MutationObserver((_, observer) => {
    if (!document.querySelector('.face')) return
    observer.disconnect()
    requestAnimationFrame(() => {
      record.firstFrameFaces = [...document.querySelectorAll<HTMLElement>('.face')].map((face) => face.dataset.member!)
    })
  }).observe(document, { subtree: true, childList: true })
}

test('a reload paints the saved faces on the screen in its first frame and the ones below it in the frame after, all of them before the core is up', async ({ hallway }) => {
  await hallwayCli('seed', '--data', hallway.dataDir, '--team', hallway.teamId, '--members', '60', '--rooms', '3')
  const ada = await hallway.open('ada', 'Ada Lovelace')
  // A short window beside the rooms: a few rows of the offline list fit on it, the rest of the 48 shown do not.
  await ada.setViewportSize({ width: 1280, height: 400 })
  const offlineFaces = ada.getByRole('complementary', { name: 'Offline' }).locator('.face')
  await expect(offlineFaces).toHaveCount(48)
  await expect.poll(() => ada.evaluate(savedOccupants)).not.toBeNull()

  await ada.addInitScript(recordFirstFrameFaces)
  const worker = await holdCoreWorker(ada.context())
  await ada.reload()
  await expect.poll(worker.held).toBe(1)
  await expect(ada.locator('.office')).toHaveAttribute('aria-busy', 'true')
  // Still the saved office (the core's worker is held back), every face is there…
  await expect(offlineFaces).toHaveCount(48)
  const firstFrame = await ada.evaluate(() => (window as unknown as { firstFrameFaces?: string[] }).firstFrameFaces ?? null)
  const onScreen = await offlineFaces.evaluateAll((faces) =>
    faces.filter((face) => face.getBoundingClientRect().top < window.innerHeight).map((face) => (face as HTMLElement).dataset.member!),
  )
  // …but the first frame held back some below the screen, and none that is on it.
  expect(onScreen.length).toBeGreaterThan(0)
  expect(firstFrame).toEqual(expect.arrayContaining(onScreen))
  expect(firstFrame!.filter((member) => member !== 'ada').length).toBeLessThan(48)
  await worker.release()
  await expect(ada.locator('.office')).toHaveAttribute('aria-busy', 'false')
  await expect(offlineFaces).toHaveCount(48)
})
