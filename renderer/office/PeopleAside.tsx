import { Show, createSignal } from 'solid-js'
import type { MemberView } from '../../shared/contract/view'
import { drawnInSteps } from '../ui/drawn-in-steps'
import { ForById } from '../ui/for-by-id'
import { Face } from './Face'

/** Up to this many people, names are shown under the faces; past it, on hover and focus. */
const NAMED_UP_TO = 8

interface PeopleAsideProps {
  title: string
  members: MemberView[]
  meId: string
  emptyText: string
  now: number
  dimmed?: boolean
  /** Past this many, the rest wait behind "Show all": a thousand offline faces would cost the first paint for nothing. */
  showAtMost?: number
  /** Until the page's first frame is painted, at most this many (null: all): the rest would be below the screen, and come a few a task after it. */
  firstFrameAtMost?: number | null
}

/** A face grid of members who are not in a room (the hallway) or not here at all (offline); a face opens their card. */
export function PeopleAside(props: PeopleAsideProps) {
  const [all, setAll] = createSignal(false)
  const hidden = () => (all() || props.showAtMost === undefined ? 0 : Math.max(0, props.members.length - props.showAtMost))
  const unheld = () => (hidden() > 0 ? props.showAtMost! : props.members.length)
  const drawn = drawnInSteps(() => props.firstFrameAtMost ?? null, unheld)
  const shown = () => {
    const limit = Math.min(unheld(), drawn())
    return limit < props.members.length ? props.members.slice(0, limit) : props.members
  }
  return (
    <aside class="people" classList={{ 'people--dimmed': props.dimmed }} aria-label={props.title}>
      <h2 class="people-title">
        {props.title} <span class="count">{props.members.length}</span>
      </h2>
      <Show when={props.members.length > 0} fallback={<p class="empty">{props.emptyText}</p>}>
        <div class="faces faces--small" classList={{ 'faces--named': props.members.length <= NAMED_UP_TO, 'faces--offline': props.dimmed }}>
          <ForById each={shown()}>{(member) => <Face member={member()} isMe={member().id === props.meId} now={props.now} size={32} kind="person" />}</ForById>
        </div>
        <Show when={hidden() > 0}>
          <button type="button" class="button button--small people-more" onClick={() => setAll(true)}>
            Show all {props.members.length} ({hidden()} more)
          </button>
        </Show>
      </Show>
    </aside>
  )
}
