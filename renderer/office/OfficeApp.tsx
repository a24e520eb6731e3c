import { Show, createEffect, createSignal, on, onCleanup, onMount, type Accessor, type JSX } from 'solid-js'
import type { CoreCommand } from '../../shared/contract/commands'
import type { MemberView, OfficeView } from '../../shared/contract/view'
import type { MessageChannelLike } from '../../shared/contract/view-port'
import { createNow } from '../ui/clock'
import { OfficeContext, type OfficeControls } from './office-context'
import { openOfficeSession, type OfficeSession } from '../ui/office-session'
import { answerNotice } from './office-selectors'
import { OfficeLayout } from './OfficeLayout'
import type { HostNotifier } from '../ui/host-notifier'
import { useOfficeNotifications } from './notifications/use-office-notifications'
import { reportAwayAfter } from './settings/away-after'
import type { SettingsSlots } from './settings/SettingsDialog'
import { usePushToTalk } from './use-push-to-talk'
import { viewSnapshotSaver, type ViewSnapshots } from './view-snapshot-store'
import { keepFocusThroughRebuilds } from './focus-carry'
import '../ui/base.css'
import './office.css'

type CallSlot = (view: Accessor<OfficeView>, report: (command: CoreCommand) => void) => JSX.Element

interface OfficeAppProps {
  /** The core's view port: a MessagePort in Electron, a Worker's port on the web. */
  channel: MessageChannelLike
  /** Offered when the server refuses our sign-in. */
  onSignIn?: () => void
  /** Host signals for the core (the web host's idle time); returns how to stop them. */
  startHostReports?: (report: (command: CoreCommand) => void) => () => void
  /** The host's call bar: the host holds the media, the office only shows where it goes. It reports
   *  what it hears (speaking, link quality) to the core with `report`, and the office shows it from the view. */
  callSlot?: CallSlot
  /** The host's parts of the Settings dialog (device pickers, desktop-only rows). */
  settingsSlots?: SettingsSlots
  /** The host's system notifications for knocks and invitations; without one, none are shown. */
  notifier?: HostNotifier
  /** This sign-in's saved office: painted at once (not live) on open, and kept up to date once live. */
  snapshots?: ViewSnapshots
}

/** The office, host-agnostic: everything it knows arrives over the channel. */
export function OfficeApp(props: OfficeAppProps) {
  const snapshots = props.snapshots
  const saver = snapshots && viewSnapshotSaver(() => session.requestSavedViewText(), snapshots)
  const session = openOfficeSession(props.channel, { saved: snapshots?.load(), onChange: saver?.changed, onSavedViewText: saver?.received })
  onCleanup(session.close)
  if (saver) onCleanup(saver.stop)
  // Refused sign-in (signed out, or removed from the team): this member's office is not shown again from this device.
  createEffect(() => {
    if (!session.live() || session.office.view?.connection.state !== 'denied') return
    saver?.stop()
    snapshots?.clear()
  })
  onMount(() => {
    const stop = props.startHostReports?.(session.report)
    if (stop) onCleanup(stop)
  })
  let officeElement!: HTMLDivElement
  onMount(() => {
    // Before the view is live a press does nothing but say so: the saved office stays readable
    // (not inert, so screen readers and find-in-page still reach it), never operable.
    const refuse = (event: Event) => {
      if (session.live() || (event.target as Element | null)?.closest?.('.notice-overlay')) return
      event.preventDefault()
      event.stopPropagation()
      session.notify(session.notLiveReason(), 'info')
    }
    officeElement.addEventListener('click', refuse, true)
    onCleanup(() => officeElement.removeEventListener('click', refuse, true))
  })
  onMount(() => onCleanup(keepFocusThroughRebuilds(officeElement)))
  reportAwayAfter(session.report)

  createEffect(() => {
    const name = session.office.view?.team.name
    document.title = name ? `${name} — Hallway` : 'Hallway'
  })

  return (
    // The saved office shows as it was, busy, until the core's view replaces it.
    <div ref={officeElement} class="office" aria-busy={!session.live()}>
      <Show when={session.office.view} fallback={<p class="loading">Opening your office…</p>}>
        {(view) => <Office view={view} session={session} onSignIn={props.onSignIn} callSlot={props.callSlot} settingsSlots={props.settingsSlots ?? {}} notifier={props.notifier} />}
      </Show>
    </div>
  )
}

function Office(props: {
  view: () => OfficeView
  session: OfficeSession
  onSignIn?: (() => void) | undefined
  callSlot?: CallSlot | undefined
  settingsSlots: SettingsSlots
  notifier?: HostNotifier | undefined
}) {
  const { session } = props
  const [discussion, setDiscussion] = createSignal<string | null>(null)

  const controls: OfficeControls = {
    view: props.view,
    run: session.run,
    attempt: session.attempt,
    notify: session.notify,
    now: createNow(),
    discussion,
    toggleDiscussion: (roomId) => setDiscussion(discussion() === roomId ? null : roomId),
    pushToTalk: usePushToTalk(props.view, session.attempt, session.notify),
    async invite(member: MemberView) {
      // Read now: the view is patched in place, so the old invitation's fields change under us.
      const invited = props.view().me.pull?.to
      const result = await session.run({ type: 'pull', userId: member.id })
      // One invitation at a time: the pending banner now names the new invitee, so say what became of the old one.
      const replaced = invited && invited !== member.id ? props.view().members[invited]?.name : undefined
      if (result.ok && replaced) session.notify(`Your invitation to ${replaced} is withdrawn: you can invite one person at a time.`, 'info')
    },
  }

  // The core loads a discussion only while a view has it open.
  createEffect(
    on(discussion, (roomId, previous) => {
      if (previous) void session.run({ type: 'closeDiscussion', roomId: previous })
      if (roomId) void session.run({ type: 'openDiscussion', roomId })
    }),
  )
  // A room deleted while its discussion is open takes the panel with it.
  createEffect(() => {
    const roomId = discussion()
    if (roomId && !props.view().rooms[roomId]) setDiscussion(null)
  })

  return (
    <OfficeContext.Provider value={controls}>
      <Show when={session.live()}>
        <LiveNews view={props.view} session={session} notifier={props.notifier} />
      </Show>
      <OfficeLayout
        session={session}
        onSignIn={props.onSignIn}
        onCloseDiscussion={() => setDiscussion(null)}
        // The call starts only on the core's view: the saved one's room may not be mine any more.
        callBar={<Show when={session.live()}>{props.callSlot?.(props.view, session.report)}</Show>}
        settingsSlots={props.settingsSlots}
      />
    </OfficeContext.Provider>
  )
}

/** News (knocks, invitations, answers) from the core's view only: what its first snapshot shows is on screen, not news. */
function LiveNews(props: { view: () => OfficeView; session: OfficeSession; notifier?: HostNotifier | undefined }) {
  if (props.notifier) useOfficeNotifications(props.view, props.notifier)
  createEffect(
    on(
      () => props.view().me.lastAnswer?.at,
      () => {
        const notice = answerNotice(props.view())
        if (notice) props.session.notify(notice.text, notice.tone)
      },
      { defer: true },
    ),
  )
  return null
}
