import { z } from 'zod'
import { coreCommandSchema } from './commands'
import { traySummarySchema } from './tray'

/**
 * What main posts to the core utility process (parentPort). A view port travels as the
 * message's single transferred port; the data is plain JSON, never a typed array (electron#34905).
 */
export const mainToCoreSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('view-port') }),
  /** The OS's time since the last keyboard or mouse input (powerMonitor), for away status. */
  z.object({ type: z.literal('idle'), idleMs: z.number().int().min(0).max(365 * 86_400_000) }),
  /** A command from the tray or a global shortcut, run as if a view sent it. */
  z.object({ type: z.literal('command'), command: coreCommandSchema }),
  /** The device went to sleep or its screen locked: away, and out of the call, until `back`. */
  z.object({ type: z.literal('away') }),
  /** Awake and unlocked again: present at once, and back in the call that `away` walked out of. */
  z.object({ type: z.literal('back') }),
  /** The app is quitting: leave the room, and answer ready-to-quit once the server and the disk have it. */
  z.object({ type: z.literal('quit') }),
])
export type MainToCore = z.infer<typeof mainToCoreSchema>

/** What the core posts to main: the tray summary (main keeps no other app state), and its answer to quit. */
export const coreToMainSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tray'), summary: traySummarySchema }),
  z.object({ type: z.literal('ready-to-quit') }),
])
export type CoreToMain = z.infer<typeof coreToMainSchema>
export type TrayMessage = Extract<CoreToMain, { type: 'tray' }>

/** How main tells the core where to connect and where to keep its files (set on fork). */
export const coreLaunchEnvSchema = z.object({
  HALLWAY_SERVER: z.url({ protocol: /^https?$/ }),
  HALLWAY_TOKEN: z.string().min(1),
  HALLWAY_DATA: z.string().min(1),
})
export type CoreLaunchEnv = z.infer<typeof coreLaunchEnvSchema>
