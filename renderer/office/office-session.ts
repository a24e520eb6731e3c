import { createSignal, type Accessor } from 'solid-js'
import { createStore, produce, reconcile } from 'solid-js/store'
import type { CoreCommand } from '../../shared/contract/commands'
import type { OfficeView } from '../../shared/contract/view'
import { coreToViewSchema, type MessageChannelLike, type ViewToCore } from '../../shared/contract/view-port'
import { applyPatches } from '../../shared/core/patches'

export interface OfficeSession {
  /** The core's view, mirrored; null until the first snapshot arrives. */
  readonly office: { view: OfficeView | null }
  /** The last refused command's message (it says what to do), until dismissed. */
  readonly notice: Accessor<string | null>
  run(command: CoreCommand): void
  /** Shows a message of the view's own in the notice line. */
  notify(text: string): void
  dismissNotice(): void
  close(): void
}

/**
 * Mirrors the core's office over a channel: says hello, takes the snapshot, then applies path
 * patches in place so Solid re-renders only what changed. Anything off-contract is dropped.
 */
export function openOfficeSession(channel: MessageChannelLike): OfficeSession {
  const [office, setOffice] = createStore<{ view: OfficeView | null }>({ view: null })
  const [notice, setNotice] = createSignal<string | null>(null)
  let nextCommandId = 1
  const send = (message: ViewToCore) => channel.post(message)

  // A patch that does not fit our copy means we missed something: start over from a snapshot.
  const resync = () => send({ type: 'hello' })

  const stopListening = channel.listen((raw) => {
    const parsed = coreToViewSchema.safeParse(raw)
    if (!parsed.success) return
    const message = parsed.data
    switch (message.type) {
      case 'snapshot':
        setOffice('view', reconcile(message.view))
        return
      case 'patch':
        if (!office.view) return resync()
        try {
          setOffice(produce((state) => applyPatches(state.view as unknown as Record<string, unknown>, message.ops)))
        } catch {
          resync()
        }
        return
      case 'result':
        if (!message.ok) setNotice(message.error ?? 'That did not work. Try again.')
        return
    }
  })
  send({ type: 'hello' })

  return {
    office,
    notice,
    run(command) {
      setNotice(null)
      send({ type: 'command', id: nextCommandId++, command })
    },
    notify: (text) => setNotice(text),
    dismissNotice: () => setNotice(null),
    close: stopListening,
  }
}
