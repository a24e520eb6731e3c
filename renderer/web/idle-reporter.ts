import { IdleTracker } from './idle-tracker'

const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const

export interface IdleReportingOptions {
  everyMs?: number
  target?: Window
}

/**
 * The web host's idle signal: watches input on the page (pointer, keys, focus, the tab coming
 * back into view) and reports the idle time to the core every 30 s, and at once on return.
 */
export function startIdleReporting(report: (idleMs: number) => void, options: IdleReportingOptions = {}): () => void {
  const target = options.target ?? window
  const tracker = new IdleTracker()
  const onInput = () => {
    if (tracker.input()) report(0)
  }
  const onVisibility = () => {
    if (target.document.visibilityState === 'visible') onInput()
  }
  const listen = { capture: true, passive: true }
  for (const type of INPUT_EVENTS) target.addEventListener(type, onInput, listen)
  target.addEventListener('focus', onInput)
  target.document.addEventListener('visibilitychange', onVisibility)
  report(0)
  const timer = target.setInterval(() => report(tracker.tick()), options.everyMs ?? 30_000)

  return () => {
    target.clearInterval(timer)
    for (const type of INPUT_EVENTS) target.removeEventListener(type, onInput, listen)
    target.removeEventListener('focus', onInput)
    target.document.removeEventListener('visibilitychange', onVisibility)
  }
}
