import { DEFAULT_ROOMS } from '../../shared/model/starter-rooms'
import { expect, test } from './fixtures'

test.use({ ownServer: true })

test('a reload while the server is down shows the saved office, offline, until the server is back', async ({ hallway }) => {
  const page = await hallway.open('cy', 'Cy Twombly')
  const connection = page.getByRole('status')
  for (const room of DEFAULT_ROOMS) await expect(page.getByRole('region', { name: room.name })).toBeVisible()
  await expect(connection).toHaveText('Online')
  // The synced office is on disk (renderer/web/indexeddb-storage.ts) before the plug is pulled.
  await expect.poll(() => page.evaluate(savedUpdates)).toBeGreaterThan(0)

  await hallway.killServer()
  await expect(connection).toContainText('Offline')

  await page.reload()
  for (const room of DEFAULT_ROOMS) await expect(page.getByRole('region', { name: room.name })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: hallway.teamName })).toBeVisible()
  await expect(connection).toContainText('Offline, reconnecting — this is the office as you last saw it; your changes sync when you are back')

  await hallway.restartServer()
  // Reconnects use a jittered backoff (shared/core/jittered-socket.ts): allow a few rounds.
  await expect(connection).toHaveText('Online', { timeout: 20_000 })
})

/** Runs in the page: how many updates the core has saved to IndexedDB. */
function savedUpdates(): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('hallway')
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const db = open.result
      if (!db.objectStoreNames.contains('updates')) return resolve(0)
      const count = db.transaction('updates').objectStore('updates').count()
      count.onsuccess = () => resolve(count.result)
      count.onerror = () => reject(count.error)
      db.close()
    }
  })
}
