import { viewToCoreSchema, type CoreToView, type MessageChannelLike } from '../contract/view-port'
import type { OfficeView } from '../contract/view'
import type { PresenceCore } from './engine'
import { diffView } from '../contract/view-patches'
import { encodeViewSnapshot } from '../contract/view-snapshot'

/**
 * Serves one view over a channel: a snapshot on hello, then only path patches. Each port keeps
 * its own last-sent view, so a view that attaches late still starts from a full snapshot.
 */
export function serveViewPort(core: PresenceCore, channel: MessageChannelLike): () => void {
  let sent: OfficeView | null = null
  const send = (message: CoreToView) => channel.post(message)

  const unsubscribe = core.subscribe((view) => {
    if (!sent) return
    const ops = diffView(sent, view)
    sent = view
    if (ops.length > 0) send({ type: 'patch', ops })
  })

  const stopListening = channel.listen(async (raw) => {
    const parsed = viewToCoreSchema.safeParse(raw)
    if (!parsed.success) return
    const message = parsed.data
    if (message.type === 'hello') {
      sent = core.view()
      send({ type: 'snapshot', view: sent })
      return
    }
    if (message.type === 'savedViewText') {
      send({ type: 'savedViewText', text: encodeViewSnapshot(core.view(), Date.now()) })
      return
    }
    const result = await core.execute(message.command)
    send(result.ok ? { type: 'result', id: message.id, ok: true } : { type: 'result', id: message.id, ok: false, error: result.error })
  })

  return () => {
    unsubscribe()
    stopListening()
  }
}
