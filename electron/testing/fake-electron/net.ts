// Electron's net: Node's fetch stands in for Chromium's network stack, real requests over real sockets.
import type { ElectronApi } from '../../main/electron-api'
import type { ReadyGate } from './ready-gate'

export function fakeNet(gate: ReadyGate) {
  /** URLs main fetched with net.fetch, in order. */
  const fetched: string[] = []
  const api: Pick<ElectronApi, 'net'> = {
    net: {
      fetch: (input, init) => {
        gate.require('net requests')
        fetched.push(input)
        return fetch(input, init)
      },
    },
  }
  return { api, controls: { fetched } }
}
