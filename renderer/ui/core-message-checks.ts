// The checks of what the core sends (view-port.ts, view-patch-check.ts) are loaded when its first
// message arrives, not with the page: their zod schemas took the reload ~10 ms of script before the
// office's first frame (s10 profile), and that frame, drawn from the saved view, reads no message.
import type { PatchOp } from '../../shared/contract/view'
import type { CoreToView } from '../../shared/contract/view-port'

export interface CoreMessageChecks {
  readCoreToView(raw: unknown): CoreToView | null
  patchRefusal(op: PatchOp): string | null
}

let loading: Promise<CoreMessageChecks> | undefined
let loaded: CoreMessageChecks | null = null

/** The checks, loaded once per page, on the first ask. */
export function loadCoreMessageChecks(): Promise<CoreMessageChecks> {
  loading ??= Promise.all([import('../../shared/contract/view-port'), import('../../shared/contract/view-patch-check')]).then(([port, patch]) => {
    loaded = { readCoreToView: port.readCoreToView, patchRefusal: (op) => patch.patchRefusal(op) }
    return loaded
  })
  // A failed load is not kept: the next message asks again.
  loading.catch(() => (loading = undefined))
  return loading
}

/** The checks at once when this page has them, else their loading. */
const checksNowOrLater = (): CoreMessageChecks | Promise<CoreMessageChecks> => loaded ?? loadCoreMessageChecks()

/**
 * A listener that hands each message to `handle` with the checks, in the order they came: those that
 * arrive while the checks load wait for them. If they cannot be loaded, `failed` is told and the
 * waiting messages are dropped (the core's next snapshot, on a resync or restart, makes up for them).
 */
export function withCoreMessageChecks(
  handle: (raw: unknown, checks: CoreMessageChecks) => void,
  failed: () => void,
  load: () => CoreMessageChecks | Promise<CoreMessageChecks> = checksNowOrLater,
): (raw: unknown) => void {
  let checks: CoreMessageChecks | null = null
  let waiting: unknown[] | null = null
  const flush = (ready: CoreMessageChecks) => {
    checks = ready
    const messages = waiting!
    waiting = null
    for (const message of messages) handle(message, ready)
  }
  return (raw) => {
    if (checks === null && waiting === null) {
      const ready = load()
      if (ready instanceof Promise) {
        waiting = []
        ready.then(flush, () => {
          waiting = null
          failed()
        })
      } else checks = ready
    }
    if (checks !== null) handle(raw, checks)
    else waiting!.push(raw)
  }
}
