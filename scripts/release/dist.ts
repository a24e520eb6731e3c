// `npm run dist [-- electron-builder arguments]`: builds out/, packages it for this platform (or the
// ones named: --linux, --mac, --win) into dist/desktop, checks every unpacked app.asar (imports
// all inside, nothing server-only, the 10 MB budget), then writes the update feed for the packages.
// HALLWAY_UPDATE_URL: the feed's base URL baked into the app (app-update.yml); a placeholder when unset.
// HALLWAY_STAGING_PERCENT: offer this release to that share of installs only.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { asarProblems, inspectAppAsar } from './app-asar'
import { buildApp, packageApp, repoRoot } from './build-steps'
import { feedRequests, type FeedRequest } from './update-feeds'

export const placeholderFeedUrl = 'https://updates.hallway.example/desktop'
const outDir = join(repoRoot, 'dist', 'desktop')
const feedWriter = join(repoRoot, 'scripts', 'release', 'write-update-feed.ts')

/** The app.asar of each unpacked app electron-builder left in dist/desktop (linux-unpacked, mac/Hallway.app, …). */
function unpackedAsars(): string[] {
  return readdirSync(outDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const dir = join(outDir, entry.name)
      const apps = readdirSync(dir).filter((name) => name.endsWith('.app'))
      return [join(dir, 'resources', 'app.asar'), ...apps.map((app) => join(dir, app, 'Contents', 'Resources', 'app.asar'))]
    })
    .filter((path) => existsSync(path))
}

/** Hands each feed to the update-feed writer (scripts/release/write-update-feed.ts) through its CLI. */
function writeUpdateFeeds(requests: readonly FeedRequest[], version: string, stagingPercent: string | undefined): void {
  if (!existsSync(feedWriter)) {
    console.warn(`dist: ${feedWriter} is missing; the feed files are electron-builder's own (no staged rollout).`)
    return
  }
  for (const request of requests) {
    const args = ['--out', outDir, '--version', version, '--channel', request.channel, '--platform', request.platform, '--arch', request.arch]
    if (stagingPercent !== undefined) args.push('--staging', stagingPercent)
    const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), [feedWriter, ...args, ...request.artifacts.map((name) => join(outDir, name))], { cwd: repoRoot, stdio: 'inherit' })
    if (result.status !== 0) throw new Error(`dist: writing the ${request.channel} feed for ${request.platform} failed`)
  }
}

export async function dist(builderArgs: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const feedUrl = env.HALLWAY_UPDATE_URL ?? placeholderFeedUrl
  if (env.HALLWAY_UPDATE_URL === undefined) console.warn(`dist: HALLWAY_UPDATE_URL is unset; the app will look for updates at the placeholder ${feedUrl}`)
  await buildApp()
  // The feed is a static folder the release engineer uploads; electron-builder has nothing to publish to.
  const publish = builderArgs.some((arg) => arg === '--publish' || arg === '-p') ? [] : ['--publish', 'never']
  await packageApp([...builderArgs, ...publish], { env: { HALLWAY_UPDATE_URL: feedUrl } })
  for (const asar of unpackedAsars()) {
    const report = inspectAppAsar(asar)
    const problems = asarProblems(report)
    if (problems.length > 0) throw new Error(`dist: ${asar}:\n${problems.join('\n')}`)
    console.log(`dist: ${asar}: ${(report.sizeBytes / 2 ** 20).toFixed(1)} MB, ${report.loaded.length} files loaded, all inside`)
  }
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
  writeUpdateFeeds(feedRequests(readdirSync(outDir), version), version, env.HALLWAY_STAGING_PERCENT)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  dist(process.argv.slice(2), process.env).catch((error: Error) => {
    console.error(error.message)
    process.exitCode = 1
  })
}
