import { z } from 'zod'
import { coreCommandSchema } from './commands'
import { checkOfficeView } from './office-view-check'
import { officeViewSchema, patchOpSchema } from './view'
import { VIEW_SNAPSHOT_MAX_CHARS } from './view-snapshot'

/** View → core over a MessagePort (Worker, utilityProcess or in-process). */
export const viewToCoreSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello') }),
  z.object({ type: z.literal('command'), id: z.number().int(), command: coreCommandSchema }),
  /** Asks for the office as saved for the next reload's paint: built in the core, so the page's thread only stores it. */
  z.object({ type: z.literal('savedViewText') }),
])
export type ViewToCore = z.infer<typeof viewToCoreSchema>

/** Core → view. A snapshot always precedes patches on a port. */
export const coreToViewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), view: officeViewSchema }),
  z.object({ type: z.literal('patch'), ops: z.array(patchOpSchema) }),
  /** The saved view's text (shared/contract/view-snapshot.ts); null when the office is too big to keep. */
  z.object({ type: z.literal('savedViewText'), text: z.string().max(VIEW_SNAPSHOT_MAX_CHARS).nullable() }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    ok: z.boolean(),
    error: z.string().optional(),
  }),
])
export type CoreToView = z.infer<typeof coreToViewSchema>

/**
 * A core → view message as coreToViewSchema reads it, or null when it is off-contract. A snapshot's
 * view is checked by hand (office-view-check.ts, held to the same answers): zod's walk of a 1,000-member
 * office was a 20–70 ms task on the page each time the core sent one.
 */
export function readCoreToView(raw: unknown): CoreToView | null {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && (raw as { type?: unknown }).type === 'snapshot') {
    const view = checkOfficeView((raw as { view?: unknown }).view)
    return view === null ? null : { type: 'snapshot', view }
  }
  const parsed = coreToViewSchema.safeParse(raw)
  return parsed.success ? parsed.data : null
}

/** Minimal port both sides speak: MessagePort, Worker, and parentPort all fit behind it. */
export interface MessageChannelLike {
  post(message: unknown): void
  listen(handler: (message: unknown) => void): () => void
}
