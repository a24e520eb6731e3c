import type { OfficeView } from '../../shared/contract/view'
import { traySummary } from '../../shared/core/tray-summary'
import type { TrayMessage } from '../../shared/contract/main-to-core'

/**
 * Sends main a tray summary whenever it changes, at most once per `minIntervalMs`, so a busy
 * office doesn't rebuild the tray menu on every presence tick.
 */
export function publishTraySummaries(
  subscribe: (listener: (view: OfficeView) => void) => () => void,
  post: (message: TrayMessage) => void,
  minIntervalMs = 250,
): () => void {
  let lastSent = ''
  let latest: OfficeView | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  const flush = () => {
    timer = null
    if (!latest) return
    const summary = traySummary(latest)
    const serialised = JSON.stringify(summary)
    if (serialised === lastSent) return
    lastSent = serialised
    post({ type: 'tray', summary })
  }
  const unsubscribe = subscribe((view) => {
    latest = view
    if (!timer) timer = setTimeout(flush, lastSent ? minIntervalMs : 0)
  })
  return () => {
    unsubscribe()
    if (timer) clearTimeout(timer)
  }
}
