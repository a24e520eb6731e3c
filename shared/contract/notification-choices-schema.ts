import { z } from 'zod'
import type { NotificationChoices } from './notification-choices'

/** A device's notification switches as main checks them on IPC (notification-choices.ts reads the same by hand). */
// A choice stored before mentions existed reads as wanting them, keeping the other switches as they were.
export const notificationChoicesSchema: z.ZodType<NotificationChoices> = z.object({ knocks: z.boolean(), invitations: z.boolean(), mentions: z.boolean().default(true) }).strict()
