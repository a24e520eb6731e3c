import { z } from 'zod'

/** GET /api/unfurl?url=U answers a link preview (docs/contract.md, "Network"). */
export const unfurlResponseSchema = z.object({
  /** The page's address after redirects. */
  url: z.string().url().max(2048),
  title: z.string(),
  description: z.string(),
  image: z.string().url().max(2048).nullable(),
  siteName: z.string(),
})
export type UnfurlResponse = z.infer<typeof unfurlResponseSchema>

/** Refusals carry a code (`target-not-allowed`, `timeout`, `busy`, …) and a sentence. */
export const unfurlErrorSchema = z.object({ error: z.string(), detail: z.string().optional() })
