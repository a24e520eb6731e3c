import { Show, onCleanup } from 'solid-js'
import { CloseIcon } from '../../ui/icons'
import { useOffice } from '../office-context'
import { Composer } from './Composer'
import { MessageList } from './MessageList'

/** A room's discussion beside the office: messages, newest last, and a composer. */
export function DiscussionPanel(props: { roomId: string; onClose: () => void }) {
  const office = useOffice()
  const roomName = () => office.view().rooms[props.roomId]?.name ?? 'Room'
  const discussion = () => office.view().discussions[props.roomId]
  const messages = () => discussion()?.messages ?? []
  // Focus goes back where it came from (the Discussion button) when the panel closes.
  const opener = document.activeElement as HTMLElement | null
  let panel!: HTMLElement
  onCleanup(() => {
    const focus = document.activeElement
    if ((!focus || focus === document.body || panel.contains(focus)) && opener?.isConnected) opener.focus()
  })

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
        <Show when={messages().length > 0} fallback={<p class="discussion-empty">No messages yet. Start the conversation.</p>}>
          <MessageList roomId={props.roomId} messages={messages} />
        </Show>
      </Show>
      <Composer roomId={props.roomId} roomName={roomName()} />
    </aside>
  )
}
