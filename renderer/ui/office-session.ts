import { batch, createSignal, type Accessor } from 'solid-js'
import { createStore, produce, reconcile } from 'solid-js/store'
import type { CommandResult, CoreCommand } from '../../shared/contract/commands'
import type { OfficeView, PatchOp } from '../../shared/contract/view'
import type { MessageChannelLike, ViewToCore } from '../../shared/contract/view-port'
import { applyPatches } from '../../shared/contract/view-patches'
import { withCoreMessageChecks, type CoreMessageChecks } from './core-message-checks'
import { createNoticeStack, type Notice, type NoticeTone } from './notice-stack'

export interface OfficeSession {
  /** The core's view, mirrored; until it is live, the saved view this session opened with, or null. */
  readonly office: { view: OfficeView | null }
  /** The view is the core's: false while it is still the saved one (nothing can be done on it). */
  readonly live: Accessor<boolean>
  /** What to tell a person who tries something before the view is live. */
  readonly notLiveReason: Accessor<string>
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
  /** Asks the core for the office's saved-view text; it arrives at `onSavedViewText` (only once the view is live). */
  requestSavedViewText(): void
  close(): void
}

const CLOSED: CommandResult = { ok: false, error: 'Hallway restarted before that finished. Try again.' }
/** What is said when something is tried on the saved view before the core has opened. */
export const STILL_OPENING = 'Hallway is still opening your office. Try again in a moment.'
/** ... and once the core has opened, while it waits for the server to say who is here. */
export const STILL_CONNECTING = 'Hallway is reaching the server to see who is here. Try again in a moment.'
/** When the page cannot load its own code to read the core's messages (a deploy replaced it under an open page). */
export const CHECKS_UNAVAILABLE = 'Hallway could not load part of itself. Reload the page to try again.'

export interface OfficeSessionOptions {
  /** The office as this device last saw it: shown, not live, until the core's view knows who is here. */
  saved?: OfficeView | null
  /** After each snapshot or patch from the core is applied, once the view is live. */
  onChange?: () => void
  /** The saved-view text the core built on request (null: too big to keep). */
  onSavedViewText?: (text: string | null) => void
}

/**
 * Whether the core's view may replace the saved one. Until the core's connection has synced, its
 * view shows everyone but me offline (their presence is not in yet), so the saved view, which
 * shows them, stays, however slowly the server admits; offline or denied, the core's view with its
 * banner is the truth. A server that never answers ends in offline too: the core's line gives up
 * "connecting" after its admission wait (shared/core/connection-line.ts).
 */
function showsWhoIsHere(view: OfficeView): boolean {
  return view.connection.state !== 'connecting'
}

/**
 * The patches whose value fits the place in the view they name; each other one is refused and
 * logged. A wrong value from the core is its bug: a snapshot would carry it too, so the view keeps
 * what it had there and goes on.
 */
function fittingPatches(ops: readonly PatchOp[], patchRefusal: CoreMessageChecks['patchRefusal']): PatchOp[] {
  return ops.filter((op) => {
    const refusal = patchRefusal(op)
    if (refusal !== null) console.warn(`office: refused a view patch that does not fit the view: ${refusal}`)
    return refusal === null
  })
}

/**
 * Mirrors the core's office over a channel: says hello, takes the snapshot, then applies path
 * patches in place so Solid re-renders only what changed. Anything off-contract is dropped.
 */
export function openOfficeSession(channel: MessageChannelLike, options: OfficeSessionOptions = {}): OfficeSession {
  const [store, setOffice] = createStore<{ view: OfficeView | null }>({ view: null })
  const [live, setLive] = createSignal(false)
  const [coreOpened, setCoreOpened] = createSignal(false)
  // The saved view is painted from the plain object: it never changes, so a store's proxy reads and
  // per-field signals (most of the first paint's script on a big office) would buy nothing. The
  // core's first snapshot fills the store and the office switches to it in one update.
  const saved = options.saved ?? null
  const office = {
    get view() {
      return live() ? store.view : saved
    },
  }
  const notices = createNoticeStack()
  const pending = new Map<number, (result: CommandResult) => void>()
  let nextCommandId = 1
  const send = (message: ViewToCore) => channel.post(message)
  const notify = (text: string, tone: NoticeTone = 'error') => notices.push(text, tone)

  // A patch that does not fit our copy means we missed something: start over from a snapshot.
  const resync = () => send({ type: 'hello' })

  // Without a saved view there is nothing to keep: the core's first view is shown as it comes.
  const handoverDue = () => saved === null || (store.view !== null && showsWhoIsHere(store.view))
  const applied = () => {
    if (!live() && handoverDue()) setLive(true)
    if (live()) options.onChange?.()
  }

  let closed = false
  const read = (raw: unknown, checks: CoreMessageChecks) => {
    if (closed) return
    const message = checks.readCoreToView(raw)
    if (message === null) return
    switch (message.type) {
      case 'snapshot':
        // One update: what the saved view shows and the core's does not (a member who left) goes as the live view comes.
        batch(() => {
          setOffice('view', reconcile(message.view))
          setCoreOpened(true)
          applied()
        })
        return
      case 'patch':
        if (!coreOpened()) return resync()
        try {
          const fitting = fittingPatches(message.ops, checks.patchRefusal)
          batch(() => {
            setOffice(produce((state) => applyPatches(state.view as unknown as Record<string, unknown>, fitting)))
            applied()
          })
        } catch {
          resync()
        }
        return
      case 'savedViewText':
        options.onSavedViewText?.(message.text)
        return
      case 'result': {
        const settle = pending.get(message.id)
        pending.delete(message.id)
        settle?.(message.ok ? { ok: true } : { ok: false, error: message.error ?? 'That did not work. Try again.' })
        return
      }
    }
  }
  const stopListening = channel.listen(withCoreMessageChecks(read, () => closed || notify(CHECKS_UNAVAILABLE)))
  send({ type: 'hello' })

  const notLiveReason = () => (coreOpened() ? STILL_CONNECTING : STILL_OPENING)

  // Nothing is done on the saved view: what it shows may be gone by the time the core could act.
  const attempt = (command: CoreCommand) =>
    new Promise<CommandResult>((resolve) => {
      if (!live()) return resolve({ ok: false, error: notLiveReason() })
      const id = nextCommandId++
      pending.set(id, resolve)
      send({ type: 'command', id, command })
    })

  return {
    office,
    live,
    notLiveReason,
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
    requestSavedViewText() {
      // Before the core's first snapshot its view may not be the office this page shows.
      if (live()) send({ type: 'savedViewText' })
    },
    close() {
      closed = true
      stopListening()
      notices.clear()
      for (const settle of pending.values()) settle(CLOSED)
      pending.clear()
    },
  }
}
