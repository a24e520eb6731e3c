import { z } from 'zod'
import { AWAY_AFTER_DEFAULT_MINUTES } from '../contract/away-after'

export const deviceSchema = z.enum(['desktop', 'web', 'bot'])
export type Device = z.infer<typeof deviceSchema>

/** One client's awareness state: owner-written, expires when the client vanishes. */
export const presenceStateSchema = z.object({
  user: z.string().min(1).max(64),
  name: z.string().max(80),
  device: deviceSchema,
  room: z.string().max(64).nullable(),
  mic: z.boolean(),
  cam: z.boolean(),
  screen: z.boolean(),
  idleSince: z.number().nullable(),
  mediaEpoch: z.number().int().nonnegative(),
  /** Knocking on a closed door: occupants see it until it is answered or expires. */
  knock: z.object({ room: z.string().max(64), at: z.number() }).nullable().default(null),
  /** Inviting someone into my room. */
  pull: z.object({ to: z.string().max(64), room: z.string().max(64), at: z.number() }).nullable().default(null),
  /** Recent answers to knocks and pulls, newest last; the asker's core acts on its own. */
  replies: z
    .array(z.object({ to: z.string().max(64), room: z.string().max(64), admit: z.boolean(), at: z.number() }))
    .max(8)
    .default([]),
})
export type PresenceState = z.infer<typeof presenceStateSchema>
export type PresenceReply = PresenceState['replies'][number]

/** Knocks, pulls and replies stop counting after this long. */
export const KNOCK_TTL_MS = 60_000
/** Away after this long without input, unless the host or the device says otherwise. */
export const DEFAULT_IDLE_AFTER_MS = AWAY_AFTER_DEFAULT_MINUTES * 60_000

export function initialPresence(user: string, name: string, device: Device): PresenceState {
  return {
    user,
    name,
    device,
    room: null,
    mic: false,
    cam: false,
    screen: false,
    idleSince: null,
    mediaEpoch: 0,
    knock: null,
    pull: null,
    replies: [],
  }
}

/**
 * Each state's reading, by the state object: awareness replaces a client's state whole on every
 * change, so a state object's reading never goes stale, and every view and reaction at 1,000
 * members need not check 300 states again for one member's change.
 */
const readings = new WeakMap<object, PresenceState | null>()

/** Remote states are untrusted input: anything malformed is ignored rather than shown. The reading is shared: it is frozen. */
export function readPresence(state: unknown): PresenceState | null {
  if (typeof state !== 'object' || state === null) return null
  const known = readings.get(state)
  if (known !== undefined) return known
  const parsed = presenceStateSchema.safeParse(state)
  const reading = parsed.success ? Object.freeze(parsed.data) : null
  readings.set(state, reading)
  return reading
}

/**
 * A member signed in on several devices is shown where the device holding the call is:
 * highest media epoch wins, then a device that is in a room, then the lowest client id.
 */
export function pickDeviceState(
  states: ReadonlyArray<{ clientId: number; state: PresenceState }>,
): PresenceState | null {
  let best: { clientId: number; state: PresenceState } | null = null
  for (const entry of states) {
    if (!best) {
      best = entry
      continue
    }
    const a = entry.state
    const b = best.state
    if (
      a.mediaEpoch > b.mediaEpoch ||
      (a.mediaEpoch === b.mediaEpoch && a.room !== null && b.room === null) ||
      (a.mediaEpoch === b.mediaEpoch && (a.room === null) === (b.room === null) && entry.clientId < best.clientId)
    ) {
      best = entry
    }
  }
  return best?.state ?? null
}
