import { z } from 'zod'

/** Page → core worker, once, with the view port transferred alongside. */
export const bootMessageSchema = z.object({
  type: z.literal('boot'),
  serverUrl: z.string(),
  token: z.string(),
  /** Written once the team has synced (the core checks it like any profile edit): the join form's avatar choice. */
  profile: z.object({ avatar: z.string().max(100) }).strict().optional(),
})
export type BootMessage = z.infer<typeof bootMessageSchema>

/**
 * Core worker → page: once, the core serves the view port or could not start (and never will);
 * then each refreshed member token, so a reload signs in with a live one.
 */
export type WorkerMessage = { type: 'booted' } | { type: 'boot-failed'; error: string } | { type: 'token'; token: string }
