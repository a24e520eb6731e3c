import { For, Show, createEffect, createMemo, on, onCleanup } from 'solid-js'
import { CloseIcon } from '../../ui/icons'
import { useOffice } from '../office-context'
import { Composer } from './Composer'
import { MessageItem } from './MessageItem'
import { startsGroup } from './message-groups'

/** A room's discussion beside the office: messages, newest last, and a composer. */
export function DiscussionPanel(props: { roomId: string; onClose: () => void }) {
  const office = useOffice()
  let list: HTMLOListElement | undefined
  const roomName = () => office.view().rooms[props.roomId]?.name ?? 'Room'
  const discussion = () => office.view().discussions[props.roomId]
  const messages = () => discussion()?.messages ?? []
  // Keyed by id (strings compare by value), so an item keeps its edit state across patches.
  const ids = createMemo(() => messages().map((message) => message.id))
  const indexById = createMemo(() => new Map(messages().map((message, index) => [message.id, index])))

  // Focus goes back where it came from (the Discussion button) when the panel closes.
  const opener = document.activeElement as HTMLElement | null
  let panel!: HTMLElement
  onCleanup(() => {
    const focus = document.activeElement
    if ((!focus || focus === document.body || panel.contains(focus)) && opener?.isConnected) opener.focus()
  })

  // Follow new messages while the reader is at the bottom.
  let atBottom = true
  createEffect(
    on(ids, () => {
      if (list && atBottom) list.scrollTop = list.scrollHeight
    }),
  )

  return (
    <aside
      ref={panel}
      class="discussion"
      aria-label={`${roomName()} discussion`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return
        event.preventDefault()
        props.onClose()
      }}
    >
      <header class="discussion-head">
        <div>
          <p class="discussion-kicker">Discussion</p>
          <h2 class="discussion-title">{roomName()}</h2>
        </div>
        <button type="button" class="icon-button" aria-label="Close discussion" title="Close discussion" onClick={() => props.onClose()}>
          <CloseIcon />
        </button>
      </header>
      <Show when={discussion()} fallback={<p class="discussion-empty">Loading messages…</p>}>
        <Show when={ids().length > 0} fallback={<p class="discussion-empty">No messages yet. Start the conversation.</p>}>
          <ol
            class="messages"
            aria-label="Messages"
            ref={list}
            onScroll={(event) => {
              const el = event.currentTarget
              atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 80
            }}
          >
            <For each={ids()}>
              {(id) => {
                const index = () => indexById().get(id) ?? -1
                const message = () => messages()[index()]
                return (
                  <Show when={message()}>
                    {(m) => (
                      <MessageItem
                        roomId={props.roomId}
                        message={m()}
                        author={office.view().members[m().author]}
                        head={startsGroup(messages()[index() - 1], m())}
                      />
                    )}
                  </Show>
                )
              }}
            </For>
          </ol>
        </Show>
      </Show>
      <Composer roomId={props.roomId} roomName={roomName()} />
    </aside>
  )
}
