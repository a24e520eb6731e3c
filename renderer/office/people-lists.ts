import { createComputed, createMemo, createSignal, mapArray, onCleanup, untrack, type Accessor } from 'solid-js'
import type { MemberView } from '../../shared/contract/view'
import { firstFramePainted } from '../ui/after-next-paint'
import { firstScreenLists } from './first-screen'
import { valuesOf } from './office-selectors'
import { PeopleIndex } from './people-index'

export interface PeopleLists {
  /** Online and in no room, by name (until the first frame is painted, only as far as it shows: first-screen.ts). */
  hallway: Accessor<MemberView[]>
  /** Offline, by name (the same). */
  offline: Accessor<MemberView[]>
  online: Accessor<number>
}

/**
 * The office's side lists and its online count. The page's first frame gets them from one pass over
 * the members, ordering only the faces it can show (`firstFrameFaces`, null: all); after that frame a
 * PeopleIndex keeps them: one small computation per member files that member again when their
 * presence, room or name changes, so a mute refiles nobody and someone coming online refiles one, not the team.
 */
export function createPeopleLists(members: Accessor<Record<string, MemberView>>, firstFrameFaces: number | null): PeopleLists {
  const indexed = createMemo(() => (firstFramePainted() ? untrack(() => indexedLists(members)) : undefined))
  // Untracked: these serve one frame, and a thousand members' fields tracked would cost it what the index does.
  const first = createMemo(() => {
    if (indexed()) return undefined
    const record = members()
    return untrack(() => firstScreenLists(valuesOf(record), firstFrameFaces))
  })
  return {
    hallway: () => indexed()?.hallway() ?? first()!.hallway,
    offline: () => indexed()?.offline() ?? first()!.offline,
    online: () => indexed()?.online() ?? first()!.online,
  }
}

function indexedLists(members: Accessor<Record<string, MemberView>>): PeopleLists {
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
