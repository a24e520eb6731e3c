import { z } from 'zod'
import { connectionStateSchema } from './view'

/** The tray menu lists at most this many rooms (a menu past that is no use, and main refuses a bigger summary). */
export const TRAY_MAX_ROOMS = 500

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
  knocks: z.number().int().nonnegative(),
})
export type TraySummary = z.infer<typeof traySummarySchema>
