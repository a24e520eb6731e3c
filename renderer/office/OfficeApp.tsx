import { For, Show, createEffect, on, onCleanup } from 'solid-js'
import type { OfficeView } from '../../shared/contract/view'
import type { MessageChannelLike } from '../../shared/contract/view-port'
import { ConnectionBadge } from './ConnectionBadge'
import { Notice } from './Notice'
import { openOfficeSession, type OfficeSession } from './office-session'
import { answerNotice, hallwayMembers, knockersOf, occupantsOf, offlineMembers, roomsInOrder } from './office-selectors'
import { PeopleAside } from './PeopleAside'
import { RoomCard } from './RoomCard'
import '../ui/base.css'
import './office.css'

interface OfficeAppProps {
  /** The core's view port: a MessagePort in Electron, a Worker's port on the web. */
  channel: MessageChannelLike
  /** Offered when the server refuses our sign-in. */
  onSignIn?: () => void
}

/** The office, host-agnostic: everything it knows arrives over the channel. */
export function OfficeApp(props: OfficeAppProps) {
  const session = openOfficeSession(props.channel)
  onCleanup(session.close)

  createEffect(() => {
    const name = session.office.view?.team.name
    document.title = name ? `${name} — Hallway` : 'Hallway'
  })

  return (
    <div class="office">
      <Show when={session.office.view} fallback={<p class="loading">Opening your office…</p>}>
        {(view) => <Office view={view()} session={session} onSignIn={props.onSignIn} />}
      </Show>
    </div>
  )
}

function Office(props: { view: OfficeView; session: OfficeSession; onSignIn?: () => void }) {
  const rooms = () => roomsInOrder(props.view)
  createEffect(
    on(
      () => props.view.me.lastAnswer?.at,
      () => {
        const text = answerNotice(props.view)
        if (text) props.session.notify(text)
      },
      { defer: true },
    ),
  )
  const emptyText = () =>
    props.view.connection.state === 'online' ? 'This team has no rooms yet.' : 'The office will appear once Hallway reaches the server.'

  return (
    <>
      <header class="office-header">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true" />
          <h1 class="team-name">{props.view.team.name || 'Your office'}</h1>
        </div>
        <ConnectionBadge connection={props.view.connection} onSignIn={props.onSignIn} />
      </header>

      <Show when={props.session.notice()}>
        {(text) => <Notice text={text()} onDismiss={props.session.dismissNotice} />}
      </Show>

      <div class="office-body">
        <main class="rooms">
          <Show when={rooms().length > 0} fallback={<p class="empty">{emptyText()}</p>}>
            <For each={rooms()}>
              {(room) => (
                <RoomCard
                  room={room}
                  occupants={occupantsOf(props.view, room)}
                  knockers={knockersOf(props.view, room)}
                  me={props.view.me}
                  run={props.session.run}
                />
              )}
            </For>
          </Show>
        </main>
        <div class="sidebar">
          <PeopleAside
            title="Hallway"
            members={hallwayMembers(props.view)}
            meId={props.view.me.userId}
            emptyText="Everyone online is in a room."
          />
          <PeopleAside
            title="Offline"
            members={offlineMembers(props.view)}
            meId={props.view.me.userId}
            emptyText="Everyone is here."
            dimmed
          />
        </div>
      </div>
    </>
  )
}
