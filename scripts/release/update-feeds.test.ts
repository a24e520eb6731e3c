import { describe, expect, it } from 'vitest'
import { channelsFor, feedRequests } from './update-feeds'

const built = [
  'Hallway-1.2.0-linux-x86_64.AppImage',
  'Hallway-1.2.0-linux-amd64.deb',
  'Hallway-1.2.0-linux-arm64.AppImage',
  'Hallway-1.2.0-mac-x64.dmg',
  'Hallway-1.2.0-mac-x64.zip',
  'Hallway-1.2.0-mac-x64.dmg.blockmap',
  'Hallway-1.2.0-win-x64.exe',
  'Hallway-1.1.0-win-x64.exe',
  'latest-linux.yml',
  'builder-debug.yml',
]

describe('update feed requests', () => {
  it('a stable release feeds both channels; a beta only beta; any other pre-release is refused', () => {
    expect(channelsFor('1.2.0')).toEqual(['latest', 'beta'])
    expect(channelsFor('1.3.0-beta.2')).toEqual(['beta'])
    expect(() => channelsFor('1.3.0-alpha.1')).toThrow(/only stable and -beta/)
  })

  it("lists this version's packages per platform and Linux architecture, the updater's download first, no blockmaps or older versions", () => {
    const stable = feedRequests(built, '1.2.0').filter((request) => request.channel === 'latest')
    expect(stable).toEqual([
      { platform: 'linux', arch: 'x64', channel: 'latest', artifacts: ['Hallway-1.2.0-linux-x86_64.AppImage', 'Hallway-1.2.0-linux-amd64.deb'] },
      { platform: 'linux', arch: 'arm64', channel: 'latest', artifacts: ['Hallway-1.2.0-linux-arm64.AppImage'] },
      { platform: 'mac', arch: 'x64', channel: 'latest', artifacts: ['Hallway-1.2.0-mac-x64.zip', 'Hallway-1.2.0-mac-x64.dmg'] },
      { platform: 'win', arch: 'x64', channel: 'latest', artifacts: ['Hallway-1.2.0-win-x64.exe'] },
    ])
    expect(feedRequests(built, '1.2.0').filter((request) => request.channel === 'beta')).toHaveLength(4)
    expect(feedRequests(built, '9.9.9')).toEqual([])
  })
})
