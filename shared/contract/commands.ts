import { z } from 'zod'

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)

/** Commands a view sends to its core. */
export const coreCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('enterRoom'), roomId: id }),
  z.object({ type: z.literal('leaveRoom') }),
  z.object({ type: z.literal('setMic'), on: z.boolean() }),
])
export type CoreCommand = z.infer<typeof coreCommandSchema>

export type CommandResult = { ok: true } | { ok: false; error: string }
