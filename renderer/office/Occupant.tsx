import { Show } from 'solid-js'
import type { MemberView } from '../../shared/contract/view'
import { Avatar } from '../ui/Avatar'
import { AwayTag, DndDot, InviteButton, PresenceSpeech, StatusEmoji } from './MemberMarks'
import { memberDetails } from './member-details'

interface OccupantProps {
  member: MemberView
  isMe: boolean
  now: number
  /** Offered when I am in another room and may invite this person over. */
  onInvite?: ((member: MemberView) => void) | undefined
}

/** Someone in a room: avatar with their mic, camera, screen, status and do-not-disturb marks. */
export function Occupant(props: OccupantProps) {
  const m = () => props.member
  const details = () => memberDetails(m(), props.now)
  return (
    <li class="occupant" classList={{ 'occupant--live': m().mic, 'occupant--me': props.isMe, 'occupant--away': m().idle }}>
      <span class="occupant-avatar">
        <Avatar userId={m().id} name={m().name} avatar={m().avatar} size={56} />
        <StatusEmoji member={m()} now={props.now} />
        <DndDot member={m()} />
        <span class="media-badges">
          <Show when={m().screen}>
            <span class="media-badge media-badge--screen">screen</span>
          </Show>
          <Show when={m().cam}>
            <span class="media-badge media-badge--cam">cam</span>
          </Show>
          <span class="mic-badge" classList={{ 'mic-badge--on': m().mic }}>
            {m().mic ? 'mic on' : 'muted'}
          </span>
        </span>
        <Show when={props.onInvite}>
          {(invite) => <InviteButton member={m()} onInvite={invite()} compact />}
        </Show>
      </span>
      <span class="occupant-name" title={details() ? `${m().name} — ${details()}` : m().name}>
        {m().name}
        <Show when={props.isMe}> (you)</Show>
      </span>
      <AwayTag member={m()} />
      <PresenceSpeech member={m()} now={props.now} />
    </li>
  )
}
