import { Show, createSignal } from 'solid-js'
import type { MemberView, RoomView } from '../../shared/contract/view'
import type { DoorState, RoomKind } from '../../shared/model/schema'
import { ForById } from '../ui/for-by-id'
import { DoorIcon, LockIcon, PersonIcon } from '../ui/icons'
import { DoorControls } from './DoorControls'
import { KnockRequests } from './Knocks'
import { Face } from './Face'
import { cardSpan } from './floors'
import { useOffice } from './office-context'
import { RenameField } from './RenameField'
import { DiscussionButton, RoomActions } from './RoomActions'
import { RoomMenu } from './RoomMenu'

/** Up to this many people, names are shown under the faces; past it, on hover and focus. */
const NAMED_UP_TO = 12

const kindLabels: Record<RoomKind, string> = { open: 'Open', meeting: 'Meeting', focus: 'Focus' }
// An open door is the norm; only a closed or locked one earns a chip.
const doorLabels: Record<DoorState, string | null> = { open: null, closed: 'Closed', locked: 'Locked' }

/** Clicks on these never count as "walk into the room". */
const INTERACTIVE = 'button, a, input, textarea, select, label, form, dialog, .menu'

interface RoomCardProps {
  room: RoomView
  occupants: MemberView[]
  /** People knocking to come in; shown to those inside. */
  knockers: MemberView[]
  /** An empty room I am not in: one line with its name, how to get in, and its menu. */
  line?: boolean
  /** The floor is crowded: faces as in the hallway (smaller, named on hover and focus, and by their alt). */
  crowded?: boolean
}

/** A room: who is inside, how to get in (or knock), and what those inside can do. */
export function RoomCard(props: RoomCardProps) {
  const office = useOffice()
  const [renaming, setRenaming] = createSignal(false)
  const me = () => office.view().me
  const mine = () => me().room === props.room.id
  const headingId = () => `room-${props.room.id}-name`
  // A closed door keeps people out only while someone is inside to answer a knock.
  const canKnock = () => !mine() && props.room.door === 'closed' && props.occupants.length > 0
  const canJoin = () => props.room.door === 'open' || (props.room.door === 'closed' && props.occupants.length === 0)
  const onClick = (event: MouseEvent) => {
    if (mine() || renaming() || (event.target as Element).closest(INTERACTIVE)) return
    void office.run({ type: 'enterRoom', roomId: props.room.id })
  }

  // Unread messages are in the region's name ("Design, 3 unread"); the badge is CSS from the heading's data-unread.
  const unread = () => props.room.unread
  return (
    <section
      role="region"
      aria-labelledby={unread() > 0 ? undefined : headingId()}
      aria-label={unread() > 0 ? `${props.room.name}, ${unread()} unread` : undefined}
      class={`room room--${props.room.kind}`}
      classList={{ 'room--mine': mine(), 'room--discussing': office.discussion() === props.room.id, 'room--line': props.line === true }}
      style={{ '--span': cardSpan(props.occupants.length) }}
      onClick={onClick}
    >
      <header class="room-head">
        <div class="room-title">
          <h2 id={headingId()} class="room-name" classList={{ 'sr-only': renaming() }} data-unread={unread() > 0 ? String(unread()) : undefined}>
            <span class="room-name-text" title={props.room.name}>
              {props.room.name}
            </span>
          </h2>
          <Show when={renaming()}>
            <RenameField
              name={props.room.name}
              onSave={(name) => void office.run({ type: 'renameRoom', roomId: props.room.id, name })}
              onDone={() => setRenaming(false)}
            />
          </Show>
          {/* One state: a closed or locked door is what a visitor must know; else the room's kind (also in its settings). */}
          <Show
            when={doorLabels[props.room.door]}
            fallback={
              <span class="chip chip--kind" title={`${kindLabels[props.room.kind]} room`}>
                <span class="sr-only">Kind: </span>
                <span class="chip-text">{kindLabels[props.room.kind]}</span>
              </span>
            }
          >
            {(label) => (
              <span class={`chip chip--door door--${props.room.door}`} title={props.room.door === 'locked' ? 'The door is locked' : 'The door is closed: knock to come in'}>
                {props.room.door === 'locked' ? <LockIcon /> : <DoorIcon />}
                <span class="sr-only">Door: </span>
                <span class="chip-text">{label()}</span>
              </span>
            )}
          </Show>
          <span class="capacity" title={props.room.capacity > 0 ? 'People in the room / room capacity' : 'People in the room'}>
            <PersonIcon />
            {props.occupants.length}
            <Show when={props.room.capacity > 0}> / {props.room.capacity}</Show>
          </span>
        </div>
        <Show when={props.line}>
          <RoomActions room={props.room} mine={false} canJoin={canJoin()} canKnock={canKnock()} />
          <DiscussionButton roomId={props.room.id} />
          <RoomMenu room={props.room} onRename={() => setRenaming(true)} />
        </Show>
      </header>

      {/* The options come last in the tab order (name, faces, actions, options); CSS puts them on the name's row. */}
      <Show when={!props.line}>
        <RoomInside {...props} mine={mine()} canJoin={canJoin()} canKnock={canKnock()} />
        <RoomMenu room={props.room} onRename={() => setRenaming(true)} />
      </Show>
    </section>
  )
}

/** A card's people, the knocks on its door (for those inside) and its actions. */
function RoomInside(props: RoomCardProps & { mine: boolean; canJoin: boolean; canKnock: boolean }) {
  const office = useOffice()
  const me = () => office.view().me
  return (
    <>
      <Show when={props.occupants.length > 0} fallback={<p class="empty">Nobody here yet</p>}>
        <div class="faces occupants" classList={{ 'faces--named': !props.crowded && props.occupants.length <= NAMED_UP_TO, 'faces--small': props.crowded === true }}>
          <ForById each={props.occupants}>
            {(member) => <Face member={member()} isMe={member().id === me().userId} now={office.now()} size={44} mark={office.view().callMarks[member().id]} kind="occupant" />}
          </ForById>
        </div>
      </Show>

      <Show when={props.mine}>
        <KnockRequests knockers={props.knockers} run={(command) => void office.run(command)} />
      </Show>

      <footer class="room-foot">
        <Show when={props.mine}>
          <RoomActions room={props.room} mine canJoin={false} canKnock={false} />
        </Show>
        <div class="room-foot-row">
          <Show when={props.mine} fallback={<RoomActions room={props.room} mine={false} canJoin={props.canJoin} canKnock={props.canKnock} />}>
            <DoorControls roomId={props.room.id} door={props.room.door} />
          </Show>
          <DiscussionButton roomId={props.room.id} />
        </div>
      </footer>
    </>
  )
}
