import { z } from 'zod'

/** The release channel a person follows; main maps it to electron-updater's feed name. */
export const updateChannelSchema = z.enum(['stable', 'beta'])
export type UpdateChannel = z.infer<typeof updateChannelSchema>

/** Where the desktop app's updater is; main sends it to the office on every change. */
export const updateStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }).strict(),
  z.object({ kind: z.literal('checking') }).strict(),
  z.object({ kind: z.literal('downloading'), percent: z.number().min(0).max(100), bytesPerSecond: z.number().nonnegative() }).strict(),
  /** Downloaded and verified; `restartWhenCallEnds` once "Restart now" was asked during a call. */
  z.object({ kind: z.literal('ready'), version: z.string().min(1).max(64), restartWhenCallEnds: z.boolean() }).strict(),
  /** The check or download failed; the next attempt is at `retryAt` (ms since the epoch). */
  z.object({ kind: z.literal('error'), message: z.string().max(500), retryAt: z.number().int().nonnegative() }).strict(),
])
export type UpdateState = z.infer<typeof updateStateSchema>

export const updateStatusSchema = z.object({ channel: updateChannelSchema, state: updateStateSchema }).strict()
export type UpdateStatus = z.infer<typeof updateStatusSchema>
