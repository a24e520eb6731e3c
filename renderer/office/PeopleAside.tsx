import { For, Show } from 'solid-js'
import type { MemberView } from '../../shared/contract/view'
import { Avatar } from '../ui/Avatar'
import { AwayTag, DndDot, InviteButton, PresenceSpeech, StatusEmoji } from './MemberMarks'
import { memberDetails } from './member-details'

interface PeopleAsideProps {
  title: string
  members: MemberView[]
  meId: string
  emptyText: string
  now: number
  dimmed?: boolean
  /** Who I may invite into my room, and how. */
  canInvite?: (member: MemberView) => boolean
  onInvite?: (member: MemberView) => void
}

/** A side list of members who are not in a room (the hallway) or not here at all (offline). */
export function PeopleAside(props: PeopleAsideProps) {
  return (
    <aside class="people" classList={{ 'people--dimmed': props.dimmed }} aria-label={props.title}>
      <h2 class="people-title">
        {props.title} <span class="count">{props.members.length}</span>
      </h2>
      <Show when={props.members.length > 0} fallback={<p class="empty">{props.emptyText}</p>}>
        <ul class="people-list">
          <For each={props.members}>{(member) => <PersonRow {...props} member={member} />}</For>
        </ul>
      </Show>
    </aside>
  )
}

function PersonRow(props: PeopleAsideProps & { member: MemberView }) {
  const m = () => props.member
  const statusText = () => m().status?.text
  const second = () => [statusText(), memberDetails(m(), props.now)].filter(Boolean).join(' · ')
  const invite = () => (props.onInvite && props.canInvite?.(m()) ? props.onInvite : null)
  return (
    <li class="person" classList={{ 'person--away': m().online && m().idle }}>
      <span class="person-avatar">
        <Avatar userId={m().id} name={m().name} avatar={m().avatar} size={36} />
        <DndDot member={m()} />
      </span>
      <span class="person-text">
        <span class="person-name">
          <span class="person-name-text">
            {m().name}
            <Show when={m().id === props.meId}> (you)</Show>
          </span>
          <StatusEmoji member={m()} now={props.now} />
        </span>
        <Show when={second() || (m().online && m().idle)}>
          <span class="person-detail" title={second()}>
            <AwayTag member={m()} />
            {second()}
          </span>
        </Show>
        <PresenceSpeech member={m()} now={props.now} />
      </span>
      <Show when={invite()}>{(onInvite) => <InviteButton member={m()} onInvite={onInvite()} />}</Show>
    </li>
  )
}
