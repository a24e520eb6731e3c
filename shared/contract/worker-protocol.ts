import { z } from 'zod'

/** Page → core worker, once, with the view port transferred alongside. */
export const bootMessageSchema = z.object({
  type: z.literal('boot'),
  serverUrl: z.string(),
  token: z.string(),
})
export type BootMessage = z.infer<typeof bootMessageSchema>

/**
 * Core worker → page: once, the core serves the view port or could not start (and never will);
 * then each refreshed member token, so a reload signs in with a live one.
 */
export type WorkerMessage = { type: 'booted' } | { type: 'boot-failed'; error: string } | { type: 'token'; token: string }
