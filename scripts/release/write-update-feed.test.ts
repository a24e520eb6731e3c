import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { feedFileName, writeUpdateFeedCli } from './write-update-feed'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function artifacts(): { dir: string; appImage: string; deb: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hallway-feed-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'Hallway-1.2.0.AppImage'), 'stand-in AppImage bytes')
  writeFileSync(join(dir, 'hallway_1.2.0_amd64.deb'), 'stand-in deb')
  return { dir, appImage: join(dir, 'Hallway-1.2.0.AppImage'), deb: join(dir, 'hallway_1.2.0_amd64.deb') }
}

describe('write-update-feed (the yml electron-updater reads; its reading is proven in electron/main/updates)', () => {
  it('lists every artifact with its base64 sha512 and size, the first as path, and the staging percentage', async () => {
    const { dir, appImage, deb } = artifacts()
    const written = await writeUpdateFeedCli(['--out', dir, '--version', '1.2.0', '--channel', 'beta', '--platform', 'linux', '--staging', '25', appImage, deb])
    expect(written).toBe(join(dir, 'beta-linux.yml'))
    const sha = (path: string) => createHash('sha512').update(readFileSync(path)).digest('base64')
    const lines = readFileSync(written, 'utf8').split('\n')
    expect(lines.slice(0, 8)).toEqual([
      'version: "1.2.0"',
      'files:',
      '  - url: "Hallway-1.2.0.AppImage"',
      `    sha512: "${sha(appImage)}"`,
      `    size: ${readFileSync(appImage).length}`,
      '  - url: "hallway_1.2.0_amd64.deb"',
      `    sha512: "${sha(deb)}"`,
      `    size: ${readFileSync(deb).length}`,
    ])
    expect(lines.slice(8)).toEqual(['path: "Hallway-1.2.0.AppImage"', `sha512: "${sha(appImage)}"`, expect.stringMatching(/^releaseDate: "\d{4}-\d\d-\d\dT/), 'stagingPercentage: 25', ''])
  })

  it('names the file as electron-updater asks for it on each platform', () => {
    expect([feedFileName('latest', 'linux'), feedFileName('latest', 'linux', 'arm64'), feedFileName('beta', 'mac'), feedFileName('beta', 'win')]).toEqual([
      'latest-linux.yml',
      'latest-linux-arm64.yml',
      'beta-mac.yml',
      'beta.yml',
    ])
  })

  it('refuses a bad version, channel, percentage or a missing artifact with the usage, writing nothing', async () => {
    const { dir, appImage } = artifacts()
    const base = ['--out', dir, '--channel', 'latest', '--platform', 'linux']
    await expect(writeUpdateFeedCli([...base, '--version', 'v1', appImage])).rejects.toThrow(/semver version[\s\S]*usage:/)
    await expect(writeUpdateFeedCli([...base, '--version', '1.2.0', '--staging', '150', appImage])).rejects.toThrow(/usage:/)
    await expect(writeUpdateFeedCli(['--out', dir, '--version', '1.2.0', '--channel', 'Beta!', '--platform', 'linux', appImage])).rejects.toThrow(/channel name/)
    await expect(writeUpdateFeedCli([...base, '--version', '1.2.0'])).rejects.toThrow(/usage:/)
    await expect(writeUpdateFeedCli([...base, '--version', '1.2.0', join(dir, 'missing.AppImage')])).rejects.toThrow(/ENOENT/)
    expect(readdirSync(dir).filter((name) => name.endsWith('.yml'))).toEqual([])
  })
})
