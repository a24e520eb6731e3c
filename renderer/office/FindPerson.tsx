import { For, Show, createMemo, createSignal, createUniqueId, onCleanup, onMount } from 'solid-js'
import type { MemberView } from '../../shared/contract/view'
import { Avatar } from '../ui/Avatar'
import { Dialog } from '../ui/Dialog'
import { StatusEmojiGlyph } from '../ui/StatusEmojiGlyph'
import { MemberCard } from './MemberCard'
import { useOffice } from './office-context'
import { personAction, whereabouts } from './office-selectors'
import { focusLeaveOnArrival } from './arrival-focus'
import { indexPeople, searchPeople } from './person-search'
import { statusLine } from './status-format'
import { localTime } from './time-format'
import { SearchIcon } from '../ui/icons'

const RESULT_LIMIT = 50

const isFindShortcut = (event: KeyboardEvent) =>
  (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k'

/** The header's "Find a person" button and Ctrl/⌘+K anywhere: search, then go to them or see their card. */
export function FindPerson() {
  const office = useOffice()
  const [shown, setShown] = createSignal<{ kind: 'search' } | { kind: 'card'; memberId: string } | null>(null)

  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isFindShortcut(event)) return
      event.preventDefault()
      setShown({ kind: 'search' })
    }
    window.addEventListener('keydown', onKey)
    onCleanup(() => window.removeEventListener('keydown', onKey))
  })

  const choose = (member: MemberView) => {
    const action = personAction(office.view(), member)
    if (action.kind === 'card') return setShown({ kind: 'card', memberId: member.id })
    setShown(null)
    focusLeaveOnArrival(action.roomId)
    void office.run(action.kind === 'enter' ? { type: 'enterRoom', roomId: action.roomId } : { type: 'knock', roomId: action.roomId })
  }
  const cardMember = () => {
    const current = shown()
    return current?.kind === 'card' ? office.view().members[current.memberId] : undefined
  }

  return (
    <>
      <button
        type="button"
        class="button button--small find-person-button"
        aria-label="Find a person"
        aria-keyshortcuts="Control+K Meta+K"
        title="Find a person (Ctrl/⌘+K)"
        onClick={() => setShown({ kind: 'search' })}
      >
        <SearchIcon />
        <span class="find-person-label">Find a person</span>
      </button>
      <Show when={shown()?.kind === 'search'}>
        <FindPersonDialog onChoose={choose} onClose={() => setShown(null)} />
      </Show>
      <Show when={cardMember()}>{(member) => <MemberCard member={member()} onClose={() => setShown(null)} />}</Show>
    </>
  )
}

function FindPersonDialog(props: { onChoose: (member: MemberView) => void; onClose: () => void }) {
  const office = useOffice()
  const listId = createUniqueId()
  const [query, setQuery] = createSignal('')
  const [active, setActive] = createSignal(0)
  // Folding names once per change of the team, not once per keystroke.
  const index = createMemo(() => indexPeople(Object.values(office.view().members)))
  const results = createMemo(() => searchPeople(index(), query(), RESULT_LIMIT))
  const optionId = (member: MemberView) => `${listId}-${member.id}`
  const activeMember = () => results()[active()]

  const onKeyDown = (event: KeyboardEvent) => {
    const count = results().length
    const moves: Record<string, number> = { ArrowDown: active() + 1, ArrowUp: active() - 1, Home: 0, End: count - 1 }
    const next = moves[event.key]
    if (next !== undefined && count > 0) {
      event.preventDefault()
      setActive((next + count) % count)
      document.getElementById(optionId(results()[active()]!))?.scrollIntoView({ block: 'nearest' })
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const member = activeMember()
      if (member) props.onChoose(member)
    }
  }

  return (
    <Dialog title="Find a person" description="Type a name or a title. Enter goes to them, or knocks." onClose={props.onClose} size="wide">
      <input
        class="finder-input"
        type="text"
        role="combobox"
        aria-label="Name or title"
        aria-expanded={results().length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeMember() ? optionId(activeMember()!) : undefined}
        autocomplete="off"
        spellcheck={false}
        value={query()}
        onInput={(event) => {
          setQuery(event.currentTarget.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} class="finder-results" role="listbox" aria-label="People">
        <For each={results()}>
          {(member, i) => (
            <li
              id={optionId(member)}
              role="option"
              class="finder-result"
              aria-selected={i() === active()}
              onMouseMove={() => setActive(i())}
              onClick={() => props.onChoose(member)}
            >
              <PersonSummary member={member} />
            </li>
          )}
        </For>
      </ul>
      <Show when={query().trim() !== '' && results().length === 0}>
        <p class="empty">Nobody matches “{query().trim()}”.</p>
      </Show>
    </Dialog>
  )
}

/** Face, name, title, local time, status and where they are: one search result. */
function PersonSummary(props: { member: MemberView }) {
  const office = useOffice()
  const m = () => props.member
  const time = () => localTime(m().timezone, office.now())
  const details = () => [m().title, time() && `${time()} local time`].filter(Boolean).join(' · ')
  return (
    <>
      {/* Decorative: the member's one named <img> is in their room or the hallway. */}
      <span class="finder-face" classList={{ 'finder-face--offline': !m().online }} aria-hidden="true">
        <Avatar userId={m().id} name="" avatar={m().avatar} size={32} />
      </span>
      <span class="finder-text">
        <span class="finder-name">
          {m().name}
          <Show when={m().id === office.view().me.userId}> (you)</Show>
        </span>
        <Show when={details()}>
          <span class="finder-detail">{details()}</span>
        </Show>
      </span>
      <span class="finder-side">
        <span class="finder-where">{whereabouts(office.view(), m())}</span>
        <Show when={m().status}>
          {(status) => (
            <span class="finder-status">
              <StatusEmojiGlyph value={status().emoji} size={14} decorative />
              {statusLine({ ...status(), dnd: false }, office.now())}
            </span>
          )}
        </Show>
      </span>
    </>
  )
}
