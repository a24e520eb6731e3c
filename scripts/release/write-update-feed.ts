// Writes the update feed electron-updater's generic provider reads (latest-linux.yml, beta-mac.yml, …)
// for artifacts electron-builder produced: each file's sha512 (base64) and size, the version, and an
// optional staged-rollout percentage. `npm run dist` calls it after electron-builder.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { z } from 'zod'

export const feedOptionsSchema = z
  .object({
    /** The folder the yml is written to; the artifacts are served from the same folder. */
    outDir: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'a semver version such as 1.4.0 or 1.5.0-beta.1'),
    /** electron-updater's channel name: the stable channel is `latest`. */
    channel: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lower-case channel name such as latest or beta'),
    platform: z.enum(['linux', 'mac', 'win']),
    arch: z.enum(['x64', 'arm64']).default('x64'),
    /** The first is the one older updaters download (`path`); all are listed under `files`. */
    artifacts: z.array(z.string().min(1)).min(1),
    /** Offer the release to this share of installs only (electron-updater decides per install). */
    stagingPercentage: z.number().int().min(0).max(100).optional(),
    releaseDate: z.iso.datetime().optional(),
  })
  .strict()
export type FeedOptions = z.input<typeof feedOptionsSchema>

export interface FeedFile {
  url: string
  sha512: string
  size: number
}

/** The file name electron-updater's generic provider asks for on this channel and platform. */
export function feedFileName(channel: string, platform: 'linux' | 'mac' | 'win', arch: 'x64' | 'arm64' = 'x64'): string {
  if (platform === 'win') return `${channel}.yml`
  const suffix = platform === 'mac' ? '-mac' : '-linux'
  return `${channel}${suffix}${platform === 'linux' && arch === 'arm64' ? '-arm64' : ''}.yml`
}

/** sha512 in base64, as electron-updater verifies it, and the size in bytes. */
export async function describeArtifact(path: string): Promise<FeedFile> {
  const hash = createHash('sha512')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return { url: basename(path), sha512: hash.digest('base64'), size: (await stat(path)).size }
}

// JSON strings are valid YAML double-quoted scalars, so no YAML library is needed for this shape.
const yamlString = (value: string) => JSON.stringify(value)

export function feedYaml(version: string, files: readonly FeedFile[], releaseDate: string, stagingPercentage?: number): string {
  const [first] = files
  if (!first) throw new Error('An update feed needs at least one artifact.')
  const lines = [`version: ${yamlString(version)}`, 'files:']
  for (const file of files) lines.push(`  - url: ${yamlString(file.url)}`, `    sha512: ${yamlString(file.sha512)}`, `    size: ${file.size}`)
  lines.push(`path: ${yamlString(first.url)}`, `sha512: ${yamlString(first.sha512)}`, `releaseDate: ${yamlString(releaseDate)}`)
  if (stagingPercentage !== undefined) lines.push(`stagingPercentage: ${stagingPercentage}`)
  return lines.join('\n') + '\n'
}

/** Writes the channel's yml into outDir and returns its path. */
export async function writeUpdateFeed(input: FeedOptions): Promise<string> {
  const options = feedOptionsSchema.parse(input)
  const files = await Promise.all(options.artifacts.map(describeArtifact))
  const path = join(options.outDir, feedFileName(options.channel, options.platform, options.arch))
  await writeFile(path, feedYaml(options.version, files, options.releaseDate ?? new Date().toISOString(), options.stagingPercentage))
  return path
}

const usage =
  'usage: tsx scripts/release/write-update-feed.ts --out DIR --version 1.2.0 --channel latest|beta --platform linux|mac|win ' +
  '[--arch x64|arm64] [--staging PERCENT] ARTIFACT…'

/** The CLI: arguments as in `usage`; returns the written path. */
export async function writeUpdateFeedCli(argv: readonly string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { out: { type: 'string' }, version: { type: 'string' }, channel: { type: 'string' }, platform: { type: 'string' }, arch: { type: 'string' }, staging: { type: 'string' } },
    allowPositionals: true,
  })
  const parsed = feedOptionsSchema.safeParse({
    outDir: values.out,
    version: values.version,
    channel: values.channel,
    platform: values.platform,
    arch: values.arch,
    artifacts: positionals,
    stagingPercentage: values.staging === undefined ? undefined : Number(values.staging),
  })
  if (!parsed.success) throw new Error(`${z.prettifyError(parsed.error)}\n${usage}`)
  return writeUpdateFeed(parsed.data)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeUpdateFeedCli(process.argv.slice(2)).then(
    (path) => console.log(`wrote ${path}`),
    (error: Error) => {
      console.error(error.message)
      process.exitCode = 1
    },
  )
}
