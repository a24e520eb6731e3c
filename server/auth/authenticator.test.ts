import { randomBytes } from 'node:crypto'
import { getHeapSnapshot } from 'node:v8'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { removeTempDirs, tempDir } from '../testing/harness'
import { SqliteAccessStore } from '../store/sqlite-access-store'
import { createAuthenticator, type AuthResult } from './authenticator'
import { loadOrCreateSecret } from './secret'
import { mintToken } from './tokens'

afterAll(removeTempDirs)

/** A verifier on a fresh data folder's secret and access store, closed after `use`. */
async function withAuthenticator(use: (parts: { secret: Uint8Array; verify: ReturnType<typeof createAuthenticator>; access: SqliteAccessStore }) => Promise<void>): Promise<void> {
  const dir = tempDir()
  const access = SqliteAccessStore.open(dir)
  try {
    const secret = loadOrCreateSecret(dir)
    await use({ secret, verify: createAuthenticator(secret, access), access })
  } finally {
    await access.close()
  }
}

/** Whether any live string holds `text`: a heap snapshot collects garbage first, then lists every string. */
async function heapHoldsString(text: string): Promise<boolean> {
  let tail = ''
  for await (const chunk of getHeapSnapshot()) {
    const window = tail + String(chunk)
    if (window.includes(text)) return true
    tail = window.slice(-text.length)
  }
  return false
}

describe('the authenticator', () => {
  it('keeps nothing of the upgrade URL a verified token was read from', async () => {
    await withAuthenticator(async ({ secret, verify }) => {
      const token = await mintToken(secret, { userId: 'ada', teamId: 'team1', name: 'Ada', role: 'member', ttlSeconds: 3600 })
      // Only bytes are kept here; the marker exists as text only inside the URL (and what holds it).
      const markerBytes = randomBytes(12)
      const marker = () => `m${markerBytes.toString('hex')}`
      const url: { current: URL | null } = { current: new URL(`http://localhost/sync/team/team1?token=${token}&marker=${marker()}`) }
      const verdict: AuthResult = await verify(url.current!.searchParams.get('token'))
      expect(verdict.ok).toBe(true)
      // The check can see the URL while it is alive...
      expect(await heapHoldsString(marker())).toBe(true)
      url.current = null
      // ...and once the request is gone, the cache entry must not be what keeps it.
      expect(await heapHoldsString(marker())).toBe(false)
      expect((await verify(token)).ok).toBe(true)
    })
  })
})

describe('the verified-token cache', () => {
  it('never accepts a cached token once it has expired or its member was revoked', async () => {
    await withAuthenticator(async ({ secret, verify, access }) => {
      try {
        const now = Date.now()
        const shortLived = await mintToken(secret, { userId: 'ada', teamId: 'team1', name: 'Ada', role: 'member', ttlSeconds: 60 })
        const bobs = await mintToken(secret, { userId: 'bob', teamId: 'team1', name: 'Bob', role: 'member', ttlSeconds: 3600, now: Math.floor(now / 1000) - 1 })
        expect((await verify(shortLived)).ok).toBe(true)
        expect((await verify(bobs)).ok).toBe(true)

        await access.revoke('team1', 'bob', now)
        expect(await verify(bobs)).toEqual({ ok: false, reason: 'revoked' })

        vi.useFakeTimers({ toFake: ['Date'], now: now + 61_000 })
        expect(await verify(shortLived)).toEqual({ ok: false, reason: 'expired' })
      } finally {
        vi.useRealTimers()
      }
    })
  })

  it('takes from the cache only the very token that verified: one differing above a byte per character is checked afresh and refused', async () => {
    await withAuthenticator(async ({ secret, verify }) => {
      const token = await mintToken(secret, { userId: 'ada', teamId: 'team1', name: 'Ada', role: 'member', ttlSeconds: 3600 })
      expect((await verify(token)).ok).toBe(true)
      // The same bytes as the cached token where each character is cut to one byte: its first
      // character moved up by 0x100 ('e', 0x65, becomes U+0165).
      const lookalike = String.fromCharCode(token.charCodeAt(0) + 0x100) + token.slice(1)
      expect(Buffer.from(lookalike, 'latin1').equals(Buffer.from(token, 'latin1'))).toBe(true)
      expect(await verify(lookalike)).toEqual({ ok: false, reason: 'invalid' })
      expect((await verify(token)).ok).toBe(true)
    })
  })
})
