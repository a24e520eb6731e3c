import { describe, expect, it } from 'vitest'
import type { HallwayBridge } from '../../shared/contract/electron-bridge'
import { chooseStartAtLogin, readStartAtLogin } from './start-at-login'

/** Stands in for the preload's bridge (no Electron here): answers as main would, or as a broken main might. */
function bridgeAnswering(get: () => Promise<unknown>, set: (on: boolean) => Promise<unknown> = get): HallwayBridge {
  return {
    platform: 'darwin',
    requestCorePort: () => {},
    mediaConfig: async () => null,
    startAtLogin: { get, set },
    muteShortcut: { get: async () => null, set: async () => null },
    updates: { watch: () => {}, restartNow: () => {}, setChannel: () => {} },
    setNotificationChoices: () => {},
    uploadAvatarPhoto: async () => null,
    officeOwner: async () => null,
  }
}

describe('start-at-login setting (renderer side)', () => {
  it('reads and changes the setting through the bridge, keeping only well-formed answers', async () => {
    expect(await readStartAtLogin(undefined)).toBeNull()
    expect(await readStartAtLogin(bridgeAnswering(async () => ({ supported: true, on: false })))).toEqual({ supported: true, on: false })
    const asked: boolean[] = []
    const bridge = bridgeAnswering(
      async () => ({ supported: true, on: false }),
      async (on) => (asked.push(on), { supported: true, on }),
    )
    expect(await chooseStartAtLogin(bridge, true)).toEqual({ supported: true, on: true })
    expect(asked).toEqual([true])
  })

  it('treats a refusal or a malformed answer as no setting', async () => {
    expect(await readStartAtLogin(bridgeAnswering(async () => ({ supported: 'yes', on: true })))).toBeNull()
    expect(await readStartAtLogin(bridgeAnswering(async () => ({ supported: true, on: true, extra: 1 })))).toBeNull()
    expect(await chooseStartAtLogin(bridgeAnswering(() => Promise.reject(new Error('refused'))), true)).toBeNull()
  })
})
