import type { Accessor } from 'solid-js'
import { createStore, produce, reconcile } from 'solid-js/store'
import type { CommandResult, CoreCommand } from '../../shared/contract/commands'
import type { OfficeView } from '../../shared/contract/view'
import { coreToViewSchema, type MessageChannelLike, type ViewToCore } from '../../shared/contract/view-port'
import { applyPatches } from '../../shared/contract/view-patches'
import { createNoticeStack, type Notice, type NoticeTone } from './notice-stack'

export interface OfficeSession {
  /** The core's view, mirrored; null until the first snapshot arrives. */
  readonly office: { view: OfficeView | null }
  /** Refusals (they say what to do) and news ("Ada let you in"), newest first; news expires on its own. */
  readonly notices: Accessor<readonly Notice[]>
  /** Sends a command; a refusal shows as a notice, replacing earlier refusals. Resolves with the core's answer. */
  run(command: CoreCommand): Promise<CommandResult>
  /** Sends a command whose refusal the caller shows itself (a dialog keeps its own error line). */
  attempt(command: CoreCommand): Promise<CommandResult>
  /** A host signal (idle time): leaves the notices alone. */
  report(command: CoreCommand): void
  /** Shows a message of the view's own as a notice. */
  notify(text: string, tone?: NoticeTone): void
  dismissNotice(id: number): void
  close(): void
}

const CLOSED: CommandResult = { ok: false, error: 'Hallway restarted before that finished. Try again.' }

/**
 * Mirrors the core's office over a channel: says hello, takes the snapshot, then applies path
 * patches in place so Solid re-renders only what changed. Anything off-contract is dropped.
 */
export function openOfficeSession(channel: MessageChannelLike): OfficeSession {
  const [office, setOffice] = createStore<{ view: OfficeView | null }>({ view: null })
  const notices = createNoticeStack()
  const pending = new Map<number, (result: CommandResult) => void>()
  let nextCommandId = 1
  const send = (message: ViewToCore) => channel.post(message)
  const notify = (text: string, tone: NoticeTone = 'error') => notices.push(text, tone)

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
      case 'result': {
        const settle = pending.get(message.id)
        pending.delete(message.id)
        settle?.(message.ok ? { ok: true } : { ok: false, error: message.error ?? 'That did not work. Try again.' })
        return
      }
    }
  })
  send({ type: 'hello' })

  const attempt = (command: CoreCommand) =>
    new Promise<CommandResult>((resolve) => {
      const id = nextCommandId++
      pending.set(id, resolve)
      send({ type: 'command', id, command })
    })

  return {
    office,
    notices: notices.notices,
    async run(command) {
      notices.clearErrors()
      const result = await attempt(command)
      if (!result.ok) notify(result.error)
      return result
    },
    attempt,
    report: (command) => send({ type: 'command', id: nextCommandId++, command }),
    notify,
    dismissNotice: notices.dismiss,
    close() {
      stopListening()
      notices.clear()
      for (const settle of pending.values()) settle(CLOSED)
      pending.clear()
    },
  }
}
