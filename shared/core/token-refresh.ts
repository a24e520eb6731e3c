import { issuedTokenSchema } from '../contract/auth-api'
import { readTokenClaims } from '../contract/token-claims'

export interface TokenKeeperOptions {
  serverUrl: string
  token: string
  onToken(token: string): void
  now?: () => number
  /** Wait after a failed refresh before trying again (the token may still be valid for a while). */
  retryMs?: number
}

export type RefreshOutcome = 'waiting' | 'refreshed' | 'refused' | 'retrying'

export interface TokenKeeper {
  current(): string
  /** How the last refresh went, for diagnostics. */
  outcome(): RefreshOutcome
  close(): void
}

/** When to refresh: a third of the lifetime before expiry, and never less than a minute before. */
export function refreshDelayMs(token: string, nowMs: number): number {
  const claims = readTokenClaims(token)
  const issuedAt = claims.iat ?? claims.exp - 3600
  const lead = Math.max(60, (claims.exp - issuedAt) / 3)
  return Math.max(0, (claims.exp - lead) * 1000 - nowMs)
}

/**
 * Keeps the member token fresh through POST /api/auth/refresh, so a session outlives the
 * short token lifetime. A refused refresh (revoked, expired) stops here: the connection's own
 * 4401 then tells the person to sign in again.
 */
export function keepTokenFresh(options: TokenKeeperOptions): TokenKeeper {
  const now = options.now ?? Date.now
  let token = options.token
  let timer: ReturnType<typeof setTimeout> | null = null
  let stopped = false
  let outcome: RefreshOutcome = 'waiting'

  const schedule = (delay: number) => {
    if (!stopped) timer = setTimeout(() => void refresh(), Math.min(delay, 2 ** 31 - 1))
  }
  const refresh = async () => {
    try {
      const response = await fetch(`${options.serverUrl.replace(/\/+$/, '')}/api/auth/refresh`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(10_000),
      })
      if (response.status === 401 || response.status === 403) {
        outcome = 'refused'
        return
      }
      if (!response.ok) throw new Error(`refresh answered ${response.status}`)
      const issued = issuedTokenSchema.parse(await response.json())
      if (stopped) return
      token = issued.token
      outcome = 'refreshed'
      options.onToken(token)
      schedule(refreshDelayMs(token, now()))
    } catch {
      // Offline or a server hiccup: try again while the current token still works.
      outcome = 'retrying'
      if (readTokenClaims(token).exp * 1000 > now()) schedule(options.retryMs ?? 30_000)
    }
  }
  schedule(refreshDelayMs(token, now()))
  return {
    current: () => token,
    outcome: () => outcome,
    close() {
      stopped = true
      if (timer) clearTimeout(timer)
    },
  }
}
