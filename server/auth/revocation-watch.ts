import type { Logger } from '../observe/log'
import type { AccessStore, Revocation } from '../store/access-store'

/**
 * Polls the access store for revocations recorded after start (by the CLI, or another node) and
 * hands them over so open connections can be closed. New connections check revocations on connect.
 */
export function watchRevocations(
  access: AccessStore,
  options: { intervalMs: number; log: Logger; onRevoked(revocations: Revocation[]): void },
): () => void {
  let seenSeq: number | null = null
  let busy = false
  let stopped = false
  const tick = async () => {
    if (busy || stopped) return
    busy = true
    try {
      if (seenSeq === null) {
        seenSeq = await access.latestRevocationSeq()
        return
      }
      const fresh = await access.revocationsSince(seenSeq)
      if (fresh.length === 0 || stopped) return
      seenSeq = fresh[fresh.length - 1]!.seq
      options.onRevoked(fresh)
    } catch (error) {
      options.log.error('checking revocations failed', { error })
    } finally {
      busy = false
    }
  }
  void tick()
  const timer = setInterval(() => void tick(), options.intervalMs)
  timer.unref()
  return () => {
    stopped = true
    clearInterval(timer)
  }
}
