export interface RestartBackoff {
  /** Wait before the first restart; doubles with each crash in a row. */
  baseMs: number
  capMs: number
  /** A process that ran this long before dying counts as healthy: the next restart is quick again. */
  stableMs: number
}

export const defaultRestartBackoff: RestartBackoff = { baseMs: 500, capMs: 30_000, stableMs: 60_000 }

export function restartDelay(backoff: RestartBackoff, crashesInARow: number): number {
  return Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, crashesInARow - 1))
}

export interface CrashStreak {
  /** The process (re)started now. */
  started(): void
  /** It died: how long to wait before starting it again. */
  delayAfterCrash(): number
}

/** Counts crashes in a row, forgetting them once a process has stayed up for backoff.stableMs. */
export function crashStreak(backoff: RestartBackoff): CrashStreak {
  let startedAt = 0
  let crashesInARow = 0
  return {
    started: () => void (startedAt = Date.now()),
    delayAfterCrash() {
      crashesInARow = Date.now() - startedAt >= backoff.stableMs ? 1 : crashesInARow + 1
      return restartDelay(backoff, crashesInARow)
    },
  }
}
