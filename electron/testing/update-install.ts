// One installed app's folders (userData, cache, resources with app-update.yml) and the feed it
// updates from, served over HTTP; releases are stand-in AppImages (random bytes) published with our
// own write-update-feed step, as `npm run dist` would.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'
import { writeUpdateFeed } from '../../scripts/release/write-update-feed'
import { standInApp, StandInAppImageUpdater, writeAppUpdateConfig } from './stand-in-updater'
import { startFeedServer, type FeedServer } from './update-feed-server'

export interface InstallWithFeed {
  root: string
  feedDir: string
  userData: string
  feed: FeedServer
  /** A StandInAppImageUpdater for this install, running `version`. */
  updater(version?: string): StandInAppImageUpdater
  /** Publishes a stand-in AppImage of `version` on `channel` (latest, beta); returns its path. */
  publish(version: string, channel: string, stagingPercentage?: number): Promise<string>
  remove(): Promise<void>
}

export async function installWithFeed(): Promise<InstallWithFeed> {
  const root = mkdtempSync(join(tmpdir(), 'hallway-updates-'))
  const feedDir = join(root, 'feed')
  const userData = join(root, 'user-data')
  const resourcesDir = join(root, 'resources')
  for (const dir of [feedDir, userData, join(root, 'cache'), resourcesDir]) mkdirSync(dir)
  // AppImageUpdater only runs inside an AppImage, which it finds through $APPIMAGE.
  const running = join(root, 'Hallway-running.AppImage')
  writeFileSync(running, 'the running stand-in AppImage')
  vi.stubEnv('APPIMAGE', running)
  const feed = await startFeedServer(feedDir)
  writeAppUpdateConfig(resourcesDir, feed.url)
  return {
    root,
    feedDir,
    userData,
    feed,
    updater: (version = '1.0.0') => new StandInAppImageUpdater(standInApp({ version, userData, cache: join(root, 'cache'), resourcesDir })),
    async publish(version, channel, stagingPercentage) {
      const artifact = join(feedDir, `Hallway-${version}.AppImage`)
      writeFileSync(artifact, randomBytes(300_000))
      await writeUpdateFeed({ outDir: feedDir, version, channel, platform: 'linux', artifacts: [artifact], stagingPercentage })
      return artifact
    },
    async remove() {
      vi.unstubAllEnvs()
      await feed.close()
      rmSync(root, { recursive: true, force: true })
    },
  }
}

/**
 * One test file's clean-ups, run after each test last-added first: setUp() makes an install and
 * adds its removal; tests add their own (a service to close) after it.
 */
export function installsWithCleanups() {
  const cleanups: (() => unknown)[] = []
  return {
    cleanups,
    async setUp(): Promise<InstallWithFeed> {
      const install = await installWithFeed()
      cleanups.push(() => install.remove())
      return install
    },
    async cleanUp(): Promise<void> {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
    },
  }
}
