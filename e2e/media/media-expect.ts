// Assertions on a member page's real WebRTC stats (renderer/media/test-page/probe.ts), by polling.
import { expect, type Page } from '@playwright/test'
import type {} from './test-page/main'
import type { InboundStream } from '../../renderer/media/webrtc-stats'

export type Kind = 'audio' | 'camera' | 'screen'

export async function inboundStream(page: Page, from: string, kind: Kind): Promise<InboundStream | null> {
  const remotes = await page.evaluate(() => window.hallwayMedia.inbound())
  return remotes.find((remote) => remote.identity === from)?.[kind] ?? null
}

/** Bytes (and, for video, decoded frames) keep arriving from `from`. */
export async function expectFlowing(page: Page, from: string, kind: Kind, timeout = 15_000): Promise<void> {
  const start = await inboundStream(page, from, kind)
  await expect
    .poll(
      async () => {
        const now = await inboundStream(page, from, kind)
        if (!now?.subscribed) return 'not subscribed'
        if (now.bytesReceived < (start?.bytesReceived ?? 0) + 2000) return 'no new bytes'
        if (kind !== 'audio' && (now.framesDecoded ?? 0) < (start?.framesDecoded ?? 0) + 5) return 'no new frames'
        return 'flowing'
      },
      { message: `${kind} from ${from} flowing`, timeout, intervals: [250] },
    )
    .toBe('flowing')
}

/** No new bytes from `from` for at least `quietMs` (a muted or paused stream). */
export async function expectStopped(page: Page, from: string, kind: Kind, quietMs = 1500, timeout = 10_000): Promise<void> {
  let last = -1
  let since = Date.now()
  await expect
    .poll(
      async () => {
        const bytes = (await inboundStream(page, from, kind))?.bytesReceived ?? 0
        if (bytes !== last) {
          last = bytes
          since = Date.now()
        }
        return Date.now() - since >= quietMs
      },
      { message: `${kind} from ${from} stopped`, timeout, intervals: [250] },
    )
    .toBe(true)
}

export async function expectConnection(page: Page, connection: string, timeout = 15_000): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => window.hallwayMedia.snapshot()?.connection ?? 'none'), { message: `connection ${connection}`, timeout })
    .toBe(connection)
}
