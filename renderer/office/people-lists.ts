import { createComputed, createMemo, createSignal, mapArray, onCleanup, type Accessor } from 'solid-js'
import type { MemberView } from '../../shared/contract/view'
import { PeopleIndex } from './people-index'

export interface PeopleLists {
  /** Online and in no room, by name. */
  hallway: Accessor<MemberView[]>
  /** Offline, by name. */
  offline: Accessor<MemberView[]>
  online: Accessor<number>
}

/**
 * The office's side lists and its online count, kept by a PeopleIndex: one small computation per
 * member files that member again when their presence, room or name changes, so a mute refiles
 * nobody and someone coming online refiles one, not the team.
 */
export function createPeopleLists(members: Accessor<Record<string, MemberView>>): PeopleLists {
  const index = new PeopleIndex<MemberView>()
  const [filed, refiled] = createSignal(undefined, { equals: false })
  // Only the set of ids: a member's own changes reach the member's computation below, not this.
  const ids = createMemo(() => Object.keys(members()))
  createMemo(
    mapArray(ids, (id) => {
      createComputed(() => {
        const member = members()[id]
        if (member) index.place(member)
        else index.remove(id)
        refiled()
      })
      onCleanup(() => {
        index.remove(id)
        refiled()
      })
    }),
  )
  return {
    hallway: createMemo(() => (filed(), index.hallway())),
    offline: createMemo(() => (filed(), index.offline())),
    online: createMemo(() => (filed(), index.online)),
  }
}
