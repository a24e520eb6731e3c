// Which update-feed files a release needs, from the packages electron-builder wrote. electron-
// updater's generic provider reads `<channel>[-mac|-linux].yml`; the file it downloads comes first
// (AppImage on Linux, zip on macOS: MacUpdater installs from the zip, the nsis installer on Windows).

export type FeedPlatform = 'linux' | 'mac' | 'win'

export interface FeedRequest {
  platform: FeedPlatform
  /** Linux has a feed file per architecture; macOS and Windows list every architecture in one. */
  arch: 'x64' | 'arm64'
  channel: 'latest' | 'beta'
  /** Package file names, the one the updater downloads first. */
  artifacts: string[]
}

const packagesByPlatform: Record<FeedPlatform, readonly string[]> = {
  linux: ['.AppImage', '.deb'],
  mac: ['.zip', '.dmg'],
  win: ['.exe'],
}

/** A stable release goes to both channels (beta users get it too); a -beta version only to beta. */
export function channelsFor(version: string): FeedRequest['channel'][] {
  const prerelease = /^\d+\.\d+\.\d+-([0-9A-Za-z-]+)/.exec(version)?.[1]
  if (prerelease === undefined) return ['latest', 'beta']
  if (prerelease === 'beta') return ['beta']
  throw new Error(`version ${version}: only stable and -beta.N versions are released (channels latest and beta)`)
}

const archOf = (name: string): FeedRequest['arch'] => (/[-_.](?:arm64|aarch64)[-_.]/.test(name) ? 'arm64' : 'x64')

/** One request per platform (and Linux architecture) that has packages of this version among `files`, per channel. */
export function feedRequests(files: readonly string[], version: string): FeedRequest[] {
  const ofVersion = files.filter((name) => name.includes(`-${version}-`) && !name.endsWith('.blockmap'))
  const requests: FeedRequest[] = []
  for (const [platform, extensions] of Object.entries(packagesByPlatform) as Array<[FeedPlatform, readonly string[]]>) {
    const packages = extensions.flatMap((extension) => ofVersion.filter((name) => name.endsWith(extension)).sort())
    const groups = platform === 'linux' ? (['x64', 'arm64'] as const).map((arch) => [arch, packages.filter((name) => archOf(name) === arch)] as const) : [['x64', packages] as const]
    for (const [arch, artifacts] of groups) {
      if (artifacts.length === 0) continue
      for (const channel of channelsFor(version)) requests.push({ platform, arch, channel, artifacts: [...artifacts] })
    }
  }
  return requests
}
