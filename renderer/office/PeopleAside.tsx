import { For, Show } from 'solid-js'
import type { MemberView } from '../../shared/contract/view'
import { Avatar } from '../ui/Avatar'

/** A side list of members who are not in a room (the hallway) or not here at all (offline). */
export function PeopleAside(props: { title: string; members: MemberView[]; meId: string; emptyText: string; dimmed?: boolean }) {
  return (
    <aside class="people" classList={{ 'people--dimmed': props.dimmed }} aria-label={props.title}>
      <h2 class="people-title">
        {props.title} <span class="count">{props.members.length}</span>
      </h2>
      <Show when={props.members.length > 0} fallback={<p class="empty">{props.emptyText}</p>}>
        <ul class="people-list">
          <For each={props.members}>
            {(member) => (
              <li class="person">
                <Avatar userId={member.id} name={member.name} avatar={member.avatar} size={36} />
                <span class="person-name">
                  {member.name}
                  <Show when={member.id === props.meId}> (you)</Show>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </aside>
  )
}
