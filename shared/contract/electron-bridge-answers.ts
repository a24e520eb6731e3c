import { z } from 'zod'

// Schemas for what the bridge's calls answer (shared/contract/electron-bridge.ts), checked where they arrive.

/** Whether this OS lets Hallway start at login (macOS and Windows), and whether it does. */
export const startAtLoginSchema = z.object({ supported: z.boolean(), on: z.boolean() }).strict()
export type StartAtLogin = z.infer<typeof startAtLoginSchema>

/** What main tells the media host: where to ask for call tokens, and as whom. */
export const mediaConfigSchema = z.object({ serverUrl: z.url({ protocol: /^https?$/ }), token: z.string().min(1), teamId: z.string().min(1) }).strict()
export type MediaConfig = z.infer<typeof mediaConfigSchema>
