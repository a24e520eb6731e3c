// Electron's 'ready': what a fake instance may do before it, and the moment a test plays it.

export interface ReadyGate {
  readonly ready: boolean
  /** What app.whenReady() returns. */
  readonly whenReady: Promise<void>
  /** Electron refuses windows, trays, notifications and net requests before ready. */
  require(what: string): void
  /** Marks the app ready: whenReady() resolves. */
  open(): void
}

export function readyGate(ready: boolean): ReadyGate {
  let markReady!: () => void
  const whenReady = new Promise<void>((resolve) => (markReady = resolve))
  const gate = {
    ready,
    whenReady,
    require(what: string) {
      if (!gate.ready) throw new Error(`Cannot create ${what} before app is ready`)
    },
    open() {
      gate.ready = true
      markReady()
    },
  }
  if (ready) markReady()
  return gate
}
