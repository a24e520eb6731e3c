// The desktop updater as the office sees it: the status main last sent (validated here, since the
// preload cannot carry zod), and the two things the office may ask. On the web there is no bridge,
// so the status stays null and the update views render nothing.
import { createRoot, createSignal } from 'solid-js'
import type { HallwayBridge } from '../../shared/contract/electron-bridge'
import type { UpdateChannel, UpdateStatus } from '../../shared/contract/updates'
import { messageTime } from './time-format'

type UpdatesBridge = HallwayBridge['updates']

const bridge = (): UpdatesBridge | undefined => (typeof window === 'undefined' ? undefined : window.hallway?.updates)

const [status, setStatus] = createRoot(() => createSignal<UpdateStatus | null>(null))
let watching = false
/** updates.ts's zod schema, loaded with the first status (the desktop only), not with the office's first frame. */
let checks: Promise<typeof import('../../shared/contract/updates')> | undefined

/** The latest update status, or null on the web (and until main first answers). */
export function updateStatus(): UpdateStatus | null {
  const updates = bridge()
  if (updates && !watching) {
    watching = true
    updates.watch((message) => {
      checks ??= import('../../shared/contract/updates')
      // Callbacks on one promise run in the order they were added: statuses apply in the order they came.
      checks.then(
        ({ updateStatusSchema }) => {
          const parsed = updateStatusSchema.safeParse(message)
          if (parsed.success) setStatus(parsed.data)
          else console.warn('office: ignored an update status that does not match the contract', parsed.error.issues)
        },
        (error: unknown) => console.warn('office: could not load the update status check; reload the window to see updates', error),
      )
    })
  }
  return status()
}

export const restartToUpdate = (): void => bridge()?.restartNow()
export const chooseUpdateChannel = (channel: UpdateChannel): void => bridge()?.setChannel(channel)

export interface UpdateLine {
  text: string
  /** 0–100 while downloading. */
  progress?: number
  offerRestart?: boolean
}

/** The office's one line about updates, or null when there is nothing worth a line (idle, checking). */
export function updateLine(status: UpdateStatus, now: number, locale?: string): UpdateLine | null {
  const { state } = status
  switch (state.kind) {
    case 'idle':
    case 'checking':
      return null
    case 'downloading':
      return { text: `Downloading an update… ${Math.floor(state.percent)}%${speed(state.bytesPerSecond)}`, progress: state.percent }
    case 'ready':
      return state.restartWhenCallEnds
        ? { text: `Hallway ${state.version} installs when your call ends.` }
        : { text: `Hallway ${state.version} is ready.`, offerRestart: true }
    case 'error':
      return { text: `Couldn't update Hallway (${state.message}). Trying again at ${messageTime(state.retryAt, now, locale)}.` }
  }
}

function speed(bytesPerSecond: number): string {
  if (bytesPerSecond <= 0) return ''
  const mb = bytesPerSecond / 1_000_000
  return mb >= 1 ? `, ${mb.toFixed(1)} MB/s` : `, ${Math.max(1, Math.round(bytesPerSecond / 1000))} kB/s`
}
