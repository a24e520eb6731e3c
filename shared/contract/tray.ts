import { z } from 'zod'
import { connectionStateSchema } from './view'

/** The tray menu lists at most this many rooms (a menu past that is no use, and main refuses a bigger summary). */
export const TRAY_MAX_ROOMS = 500
/** Knocks on my door the desktop can notify about at once; more wait in the office. */
export const TRAY_MAX_KNOCKS = 20
/** Invitations into others' rooms the desktop can notify about at once; more wait in the office. */
export const TRAY_MAX_INVITATIONS = 20
/** Unread mentions of me the desktop can notify about at once (the newest); more wait in the office. */
export const TRAY_MAX_MENTIONS = 20

/** What the core tells main for the tray menu: small enough to rebuild the menu on every change. */
export const traySummarySchema = z.object({
  connection: connectionStateSchema,
  me: z.object({
    room: z.string().nullable(),
    roomName: z.string().nullable(),
    mic: z.boolean(),
    dnd: z.boolean(),
    callElsewhere: z.string().nullable(),
  }),
  rooms: z.array(z.object({ id: z.string(), name: z.string(), door: z.string(), occupants: z.array(z.string()) })).max(TRAY_MAX_ROOMS),
  /** Who knocks on the door of the room I'm in (not while I'm on do-not-disturb), oldest first. */
  knocks: z.array(z.object({ userId: z.string().min(1).max(64), name: z.string().max(200), roomName: z.string().max(200), at: z.number() })).max(TRAY_MAX_KNOCKS),
  /** Open invitations into others' rooms (newest per person, not into the room I'm in), oldest first. */
  invitations: z.array(z.object({ userId: z.string().min(1).max(64), name: z.string().max(200), roomName: z.string().max(200), at: z.number() })).max(TRAY_MAX_INVITATIONS),
  /** Mentions of me in discussions I have not read since, oldest first: `name` mentioned me in `roomName`. */
  mentions: z
    .array(z.object({ roomId: z.string().min(1).max(64), seq: z.number(), userId: z.string().min(1).max(64), name: z.string().max(200), roomName: z.string().max(200), at: z.number() }))
    .max(TRAY_MAX_MENTIONS),
})
export type TraySummary = z.infer<typeof traySummarySchema>
