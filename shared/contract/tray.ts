import { z } from 'zod'
import { connectionStateSchema } from './view'

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
  rooms: z.array(z.object({ id: z.string(), name: z.string(), door: z.string(), occupants: z.array(z.string()) })).max(500),
  knocks: z.number().int().nonnegative(),
})
export type TraySummary = z.infer<typeof traySummarySchema>
