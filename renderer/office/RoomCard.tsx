import { For, Show } from 'solid-js'
import type { CoreCommand } from '../../shared/contract/commands'
import type { MemberView, RoomView } from '../../shared/contract/view'
import type { DoorState, RoomKind } from '../../shared/model/schema'
import { Avatar } from '../ui/Avatar'
import { CardButton } from './CardButton'
import { KnockButton, KnockRequests } from './Knocks'

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

      <Show when={mine()}>
        <KnockRequests knockers={props.knockers} run={props.run} />
      </Show>

      <footer class="room-actions">
        <Show
          when={mine()}
          fallback={
            <>
              <CardButton primary onClick={join}>
                Join
              </CardButton>
              <Show when={canKnock() || knocking()}>
                <KnockButton roomId={props.room.id} knocking={knocking()} run={props.run} />
              </Show>
            </>
          }
        >
          <CardButton onClick={() => props.run({ type: 'leaveRoom' })}>Leave</CardButton>
          <CardButton onClick={() => props.run({ type: 'setMic', on: !props.me.mic })}>{props.me.mic ? 'Mute' : 'Unmute'}</CardButton>
        </Show>
        <span class="capacity" title="People in the room">
          {props.occupants.length}
          <Show when={props.room.capacity > 0}> / {props.room.capacity}</Show>
        </span>
      </footer>
    </section>
  )
}
