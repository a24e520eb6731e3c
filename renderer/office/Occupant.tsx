import { Show } from 'solid-js'
import type { CallMark } from '../../shared/contract/call-activity'
import type { MemberView } from '../../shared/contract/view'
import { Avatar } from '../ui/Avatar'
import { AwayTag, DndDot, InviteButton, LinkMark, MediaBadges, PresenceSpeech, StatusEmoji } from './MemberMarks'
import { memberDetails } from './member-details'

interface OccupantProps {
  member: MemberView
  isMe: boolean
  now: number
  /** Speaking and link quality, while they are in the call this device holds. */
  mark?: CallMark | undefined
  /** Offered when I am in another room and may invite this person over. */
  onInvite?: ((member: MemberView) => void) | undefined
}

/**
 * Someone in a room: avatar with their mic, camera, screen, status and do-not-disturb marks; in
 * my call also a speaking ring and their link's signal bars.
 */
export function Occupant(props: OccupantProps) {
  const m = () => props.member
  const details = () => memberDetails(m(), props.now)
  return (
    <li
      class="occupant"
      classList={{ 'occupant--live': m().mic, 'occupant--speaking': props.mark?.speaking === true, 'occupant--me': props.isMe, 'occupant--away': m().idle }}
    >
      <span class="occupant-avatar" title={props.mark?.speaking ? `${m().name} is speaking` : undefined}>
        <Avatar userId={m().id} name={m().name} avatar={m().avatar} size={56} />
        <StatusEmoji member={m()} now={props.now} />
        <DndDot member={m()} />
        <LinkMark mark={props.mark} />
        <Show when={props.onInvite}>
          {(invite) => <InviteButton member={m()} onInvite={invite()} compact />}
        </Show>
      </span>
      <MediaBadges member={m()} />
      <span class="occupant-name" title={details() ? `${m().name} — ${details()}` : m().name}>
        {m().name}
        <Show when={props.isMe}> (you)</Show>
      </span>
      <Show when={m().status?.text}>
        {(text) => (
          <span class="occupant-status" title={text()} aria-hidden="true">
            {text()}
          </span>
        )}
      </Show>
      <AwayTag member={m()} />
      <PresenceSpeech member={m()} now={props.now} mark={props.mark} />
    </li>
  )
}
