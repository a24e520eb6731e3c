import { z } from 'zod'

/** Page → core worker, once, with the view port transferred alongside. */
export const bootMessageSchema = z.object({
  type: z.literal('boot'),
  serverUrl: z.string(),
  token: z.string(),
})
export type BootMessage = z.infer<typeof bootMessageSchema>

/** Core worker → page when the core could not start (the view port never answers then). */
export interface BootFailure {
  type: 'boot-failed'
  error: string
}
