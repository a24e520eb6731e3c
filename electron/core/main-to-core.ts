import { z } from 'zod'

/**
 * What main posts to the core utility process (parentPort). A view port travels as the
 * message's single transferred port; the data is plain JSON, never a typed array (electron#34905).
 */
export const mainToCoreSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('view-port') })])
export type MainToCore = z.infer<typeof mainToCoreSchema>

/** How main tells the core where to connect and where to keep its files (set on fork). */
export const coreLaunchEnvSchema = z.object({
  HALLWAY_SERVER: z.url({ protocol: /^https?$/ }),
  HALLWAY_TOKEN: z.string().min(1),
  HALLWAY_DATA: z.string().min(1),
})
export type CoreLaunchEnv = z.infer<typeof coreLaunchEnvSchema>
