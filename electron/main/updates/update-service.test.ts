import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { UpdateChannel, UpdateStatus } from '../../../shared/contract/updates'
import { updateStatusSchema } from '../../../shared/contract/updates'
import type { FeedServer } from '../../testing/update-feed-server'
import { installsWithCleanups, type InstallWithFeed } from '../../testing/update-install'
import { startUpdateService } from './update-service'

const NOW = 1_800_000_000_000
const { cleanups, setUp, cleanUp } = installsWithCleanups()
afterEach(cleanUp)

function launch(install: InstallWithFeed, options: { version?: string; channel?: UpdateChannel; feedUrl?: string | null; checkEveryMs?: number } = {}) {
  const updater = install.updater(options.version)
  const app = updater.standIn
  const statuses: UpdateStatus[] = []
  const saved: UpdateChannel[] = []
  const service = startUpdateService({
    updater,
    feedUrl: options.feedUrl === undefined ? install.feed.url : options.feedUrl,
    channel: options.channel ?? 'stable',
    backoff: { baseMs: 50, capMs: 400, stableMs: 60_000 },
    checkEveryMs: options.checkEveryMs,
    now: () => NOW,
    saveChannel: (channel) => void saved.push(channel),
    log: () => {},
  })
  service.onStatus((status) => statuses.push(updateStatusSchema.parse(status)))
  cleanups.push(() => service.close())
  const until = (kind: UpdateStatus['state']['kind']) => vi.waitFor(() => expect(service.status().state.kind).toBe(kind))
  /** Waits for a check that started after `since` statuses to end with nothing to download. */
  const untilNothingNew = (since = 0) =>
    vi.waitFor(() => {
      expect(statuses.slice(since).map((s) => s.state.kind)).toContain('checking')
      expect(statuses.at(-1)!.state.kind).toBe('idle')
    })
  return { app, updater, service, statuses, saved, until, untilNothingNew }
}

const sha512 = (path: string) => createHash('sha512').update(readFileSync(path)).digest('base64')
const fetchedPaths = (feed: FeedServer) => feed.requests.map((r) => r.path)

async function readyService(install: InstallWithFeed): Promise<ReturnType<typeof launch>> {
  await install.publish('1.1.0', 'latest')
  const launched = launch(install)
  await launched.until('ready')
  return launched
}

describe('updates over a generic feed (electron-updater with stand-ins for Electron)', () => {
  it('finds a newer stand-in AppImage in the latest-linux.yml our packaging step wrote, downloads it with progress, verifies its sha512 and installs it on Restart now', async () => {
    const install = await setUp()
    const artifact = await install.publish('1.1.0', 'latest')
    const { service, statuses, updater, app, until } = launch(install, { feedUrl: null })
    await until('ready')

    expect(service.status()).toEqual({ channel: 'stable', state: { kind: 'ready', version: '1.1.0', restartWhenCallEnds: false } })
    expect(statuses.map((s) => s.state.kind)).toEqual(expect.arrayContaining(['checking', 'downloading', 'ready']))
    expect(statuses).toContainEqual({ channel: 'stable', state: expect.objectContaining({ kind: 'downloading', percent: 100 }) })
    expect(fetchedPaths(install.feed)).toEqual(['/latest-linux.yml', '/Hallway-1.1.0.AppImage'])
    expect(updater.installed).toEqual([])

    service.restartNow()
    expect(updater.installed).toHaveLength(1)
    expect(sha512(updater.installed[0]!)).toBe(sha512(artifact))
    expect(app.quits).toBe(1)
  })

  it('keeps the staging id in userData and sends it; a 0% rollout is not offered, and after a relaunch with the same id a 100% rollout is', async () => {
    const install = await setUp()
    await install.publish('1.1.0', 'latest', 0)
    const first = launch(install, { checkEveryMs: 20 })
    // Two checks, so a download the first one wrongly started has had time to show.
    await vi.waitFor(() => expect(fetchedPaths(install.feed).filter((p) => p === '/latest-linux.yml').length).toBeGreaterThanOrEqual(2))
    await first.until('idle')
    expect(first.statuses.map((s) => s.state.kind)).not.toContain('downloading')
    expect(fetchedPaths(install.feed)).not.toContain('/Hallway-1.1.0.AppImage')
    first.service.close()

    const id = readFileSync(join(install.userData, '.updaterId'), 'utf8')
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(install.feed.requests[0]!.headers['x-user-staging-id']).toBe(id)

    await install.publish('1.1.0', 'latest', 100)
    const relaunched = launch(install)
    await relaunched.until('ready')
    expect(readFileSync(join(install.userData, '.updaterId'), 'utf8')).toBe(id)
    expect(install.feed.requests.at(-2)!.headers['x-user-staging-id']).toBe(id)
  })

  it('switching to beta finds the beta build (and saves the choice); back on stable, an older stable build is not a downgrade target', async () => {
    const install = await setUp()
    await install.publish('1.0.0', 'latest')
    await install.publish('1.1.0-beta.1', 'beta')
    const stable = launch(install)
    await stable.untilNothingNew()
    expect(fetchedPaths(install.feed)).toEqual(['/latest-linux.yml'])

    stable.service.setChannel('beta')
    await stable.until('ready')
    expect(stable.service.status()).toEqual({ channel: 'beta', state: { kind: 'ready', version: '1.1.0-beta.1', restartWhenCallEnds: false } })
    expect(stable.saved).toEqual(['beta'])
    expect(fetchedPaths(install.feed)).toEqual(['/latest-linux.yml', '/beta-linux.yml', '/Hallway-1.1.0-beta.1.AppImage'])
    stable.service.close()

    const onBeta = launch(install, { version: '1.1.0-beta.1', channel: 'beta' })
    await onBeta.untilNothingNew()
    const switched = onBeta.statuses.length
    onBeta.service.setChannel('stable')
    await onBeta.untilNothingNew(switched + 1)
    expect(fetchedPaths(install.feed).slice(-2)).toEqual(['/beta-linux.yml', '/latest-linux.yml'])
    expect(onBeta.statuses.map((s) => s.state.kind)).not.toContain('downloading')
  })

  it('retries a feed that is down with a doubling backoff, saying when in its error state, and finds the update once the feed is back', async () => {
    const install = await setUp()
    await install.publish('1.1.0', 'latest')
    install.feed.down = true
    const { service, statuses, until } = launch(install)
    await vi.waitFor(() => expect(statuses.filter((s) => s.state.kind === 'error').length).toBeGreaterThanOrEqual(2))
    install.feed.down = false
    await until('ready')

    const retryAts = statuses.flatMap((s) => (s.state.kind === 'error' ? [s.state.retryAt - NOW] : []))
    expect(retryAts.slice(0, 2)).toEqual([50, 100])
    retryAts.forEach((delay, i) => expect(delay).toBe(Math.min(400, 50 * 2 ** i)))
    expect(statuses.find((s) => s.state.kind === 'error')!.state).toEqual({ kind: 'error', message: 'the update server answered 503', retryAt: NOW + 50 })
    expect(service.status().state).toEqual({ kind: 'ready', version: '1.1.0', restartWhenCallEnds: false })
  })

  it('refuses a corrupt stand-in AppImage (sha512 mismatch): an error, nothing kept or installed, and Restart now does nothing', async () => {
    const install = await setUp()
    const artifact = await install.publish('1.1.0', 'latest')
    writeFileSync(artifact, randomBytes(300_000))
    const { service, updater, app, until } = launch(install)
    await until('error')

    expect(service.status().state).toEqual({ kind: 'error', message: 'the download did not match its sha512 checksum and was discarded', retryAt: NOW + 50 })
    const pending = join(install.root, 'cache', 'hallway-updater', 'pending')
    expect(readdirSync(pending)).toEqual([])
    service.restartNow()
    expect(updater.install()).toBe(false)
    expect(updater.installed).toEqual([])
    expect(app.quits).toBe(0)
  })

  it('Restart now during a call waits for the call to end, then installs and quits', async () => {
    const install = await setUp()
    const { service, updater, app } = await readyService(install)
    service.setInCall(true)
    service.restartNow()
    expect(service.status().state).toEqual({ kind: 'ready', version: '1.1.0', restartWhenCallEnds: true })
    service.setInCall(true)
    expect(updater.installed).toEqual([])
    expect(app.quits).toBe(0)

    service.setInCall(false)
    expect(updater.installed).toHaveLength(1)
    expect(app.quits).toBe(1)
  })
})
