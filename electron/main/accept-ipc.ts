import type { z } from 'zod'
import { isTrustedFrame } from './core-port-broker'
import type { IpcMainEventLike } from './electron-api'

/** A message's arguments when it comes from our own top frame and matches `schema`; otherwise null, logged. */
export function acceptIpc<T>(
  channel: string,
  event: IpcMainEventLike,
  args: unknown[],
  schema: z.ZodType<T>,
  options: { trustedOrigins: readonly string[]; log(message: string): void },
): T | null {
  const parsed = schema.safeParse(args)
  if (isTrustedFrame(event.senderFrame, options.trustedOrigins) && parsed.success) return parsed.data
  options.log(`main: refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}`)
  return null
}
