import { For, Show } from 'solid-js'
import type { CoreCommand } from '../../shared/contract/commands'
import type { MemberView, RoomView } from '../../shared/contract/view'
import type { DoorState, RoomKind } from '../../shared/model/schema'
import { Avatar } from '../ui/Avatar'

const kindLabels: Record<RoomKind, string> = { open: 'Open', meeting: 'Meeting', focus: 'Focus' }
// An open door is the norm; only a closed or locked one earns a chip.
const doorLabels: Record<DoorState, string | null> = { open: null, closed: 'Door closed', locked: 'Locked' }

interface RoomCardProps {
  room: RoomView
  occupants: MemberView[]
  /** People knocking to come in; shown to those inside. */
  knockers: MemberView[]
  me: { userId: string; room: string | null; mic: boolean; knock: { room: string } | null }
  run(command: CoreCommand): void
}

/** A room: who is inside, and the buttons to walk in (or knock), leave, (un)mute and answer knocks. */
export function RoomCard(props: RoomCardProps) {
  const mine = () => props.me.room === props.room.id
  const headingId = () => `room-${props.room.id}-name`
  const join = () => props.run({ type: 'enterRoom', roomId: props.room.id })
  // A closed door keeps people out only while someone is inside to answer a knock.
  const canKnock = () => !mine() && props.room.door === 'closed' && props.occupants.length > 0
  const knocking = () => props.me.knock?.room === props.room.id
  // Buttons sit inside the clickable card: keep their click from also joining the room.
  const button = (action: () => void) => (event: MouseEvent) => {
    event.stopPropagation()
    action()
  }

  return (
    <section
      role="region"
      aria-labelledby={headingId()}
      class={`room room--${props.room.kind}`}
      classList={{ 'room--mine': mine() }}
      onClick={() => mine() || join()}
    >
      <header class="room-head">
        <h2 id={headingId()} class="room-name">
          {props.room.name}
        </h2>
        <span class="chip chip--kind">{kindLabels[props.room.kind]}</span>
        <Show when={doorLabels[props.room.door]}>
          {(label) => <span class={`chip door--${props.room.door}`}>{label()}</span>}
        </Show>
      </header>

      <Show when={props.occupants.length > 0} fallback={<p class="empty">Nobody here yet</p>}>
        <ul class="occupants">
          <For each={props.occupants}>
            {(member) => (
              <li class="occupant" classList={{ 'occupant--live': member.mic, 'occupant--me': member.id === props.me.userId }}>
                <span class="occupant-avatar">
                  <Avatar userId={member.id} name={member.name} avatar={member.avatar} size={56} />
                  <span class="mic-badge" classList={{ 'mic-badge--on': member.mic }}>
                    {member.mic ? 'mic on' : 'muted'}
                  </span>
                </span>
                <span class="occupant-name" title={member.name}>
                  {member.name}
                  <Show when={member.id === props.me.userId}> (you)</Show>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <Show when={mine() && props.knockers.length > 0}>
        <ul class="knocks">
          <For each={props.knockers}>
            {(knocker) => (
              <li class="knock">
                <span class="knock-text">{knocker.name} is knocking</span>
                <button type="button" class="button button--small" onClick={button(() => props.run({ type: 'answerKnock', userId: knocker.id, admit: true }))}>
                  Let in
                </button>
                <button type="button" class="button button--small" onClick={button(() => props.run({ type: 'answerKnock', userId: knocker.id, admit: false }))}>
                  Not now
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <footer class="room-actions">
        <Show
          when={mine()}
          fallback={
            <>
              <button type="button" class="button button--primary" onClick={button(join)}>
                Join
              </button>
              <Show when={canKnock() || knocking()}>
                <Show
                  when={knocking()}
                  fallback={
                    <button type="button" class="button" onClick={button(() => props.run({ type: 'knock', roomId: props.room.id }))}>
                      Knock
                    </button>
                  }
                >
                  <span class="knocking">Knocking…</span>
                  <button type="button" class="button" onClick={button(() => props.run({ type: 'cancelKnock' }))}>
                    Cancel knock
                  </button>
                </Show>
              </Show>
            </>
          }
        >
          <button type="button" class="button" onClick={button(() => props.run({ type: 'leaveRoom' }))}>
            Leave
          </button>
          <button type="button" class="button" onClick={button(() => props.run({ type: 'setMic', on: !props.me.mic }))}>
            {props.me.mic ? 'Mute' : 'Unmute'}
          </button>
        </Show>
        <span class="capacity" title="People in the room">
          {props.occupants.length}
          <Show when={props.room.capacity > 0}> / {props.room.capacity}</Show>
        </span>
      </footer>
    </section>
  )
}
