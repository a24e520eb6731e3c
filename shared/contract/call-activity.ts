import { z } from 'zod'
import { LINK_QUALITIES } from './view-values'

/** LiveKit's ConnectionQuality values, as plain data. */
export const linkQualitySchema = z.enum(LINK_QUALITIES)
export type LinkQuality = z.infer<typeof linkQualitySchema>

const userId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)

/**
 * What my media host hears in my call (LiveKit identity = member id): who is speaking and how
 * each member's link holds. Local to this device: the core shows it to its views, never syncs it.
 */
export const callActivitySchema = z.object({
  /** The office room of the call; null: no call on this device. */
  roomId: userId.nullable(),
  members: z.array(z.object({ userId, speaking: z.boolean(), quality: linkQualitySchema })).max(500),
})
export type CallActivity = z.infer<typeof callActivitySchema>

/** The view's side: my call's members by id, shown on their office avatars. */
export const callMarksSchema = z.record(z.string(), z.object({ speaking: z.boolean(), quality: linkQualitySchema }))
export type CallMarks = z.infer<typeof callMarksSchema>
export type CallMark = CallMarks[string]
