import { Show, createSignal, onMount } from 'solid-js'
import type { MemberView, OfficeView } from '../../../shared/contract/view'
import { Limits } from '../../../shared/model/limits'
import { defaultAvatarFor } from '../../../shared/model/schema'
import { Avatar } from '../../ui/Avatar'
import { useOffice } from '../office-context'
import { messageTime } from '../time-format'
import { LinkPreviewCard } from './LinkPreviewCard'
import { MessageText } from './MessageText'

type Message = OfficeView['discussions'][string]['messages'][number]

interface MessageItemProps {
  roomId: string
  message: Message
  author: MemberView | undefined
  /** The first of a run by one author shows the avatar, name and time. */
  head: boolean
  /** Where it stands in the whole discussion, for screen readers: only a window of it is in the DOM. */
  position: number
  total: number
  ref: (element: HTMLLIElement) => void
}

/** One message; its author may edit or delete it. */
export function MessageItem(props: MessageItemProps) {
  const office = useOffice()
  const [mode, setMode] = createSignal<'read' | 'edit' | 'confirm-delete'>('read')
  const mine = () => props.message.author === office.view().me.userId
  const name = () => props.author?.name ?? 'Former member'
  const time = () => messageTime(props.message.at, office.now())

  return (
    <li
      ref={props.ref}
      class="message"
      classList={{ 'message--head': props.head, 'message--mine': mine() }}
      aria-posinset={props.position}
      aria-setsize={props.total}
    >
      <span class="message-avatar" aria-hidden="true">
        <Show when={props.head}>
          <Avatar userId={props.message.author} name="" avatar={props.author?.avatar ?? defaultAvatarFor(props.message.author)} size={32} />
        </Show>
      </span>
      <div class="message-body">
        <div class="message-meta" classList={{ 'sr-only': !props.head }}>
          <span class="message-author">{name()}</span>
          <time class="message-time" datetime={new Date(props.message.at).toISOString()} title={new Date(props.message.at).toLocaleString()}>
            {time()}
          </time>
        </div>
        <Show when={mode() === 'edit'} fallback={<MessageText text={props.message.text} />}>
          <EditMessage text={props.message.text} onSave={(text) => void office.run({ type: 'editMessage', roomId: props.roomId, messageId: props.message.id, text })} onDone={() => setMode('read')} />
        </Show>
        <Show when={props.message.edited}>
          {(edited) => (
            <span class="message-edited" title={`Edited ${messageTime(edited(), office.now())}`}>
              (edited)
            </span>
          )}
        </Show>
        <Show when={props.message.preview}>{(preview) => <LinkPreviewCard preview={preview()} />}</Show>
        <Show when={props.message.delivery !== 'sent'}>
          <span class="message-delivery" classList={{ 'message-delivery--offline': props.message.delivery === 'offline' }}>
            {props.message.delivery === 'offline' ? 'Not sent yet — will send when you’re back online' : 'Sending…'}
          </span>
        </Show>
        <Show when={mine() && mode() === 'read'}>
          <div class="message-tools">
            <button type="button" class="link-button" onClick={() => setMode('edit')}>
              Edit
            </button>
            <button type="button" class="link-button link-button--danger" onClick={() => setMode('confirm-delete')}>
              Delete
            </button>
          </div>
        </Show>
        <Show when={mode() === 'confirm-delete'}>
          <div class="message-confirm" role="group" aria-label="Delete this message?">
            <span>Delete this message?</span>
            <button type="button" class="button button--small button--danger" onClick={() => void office.run({ type: 'deleteMessage', roomId: props.roomId, messageId: props.message.id })}>
              Delete message
            </button>
            <button type="button" class="button button--small" onClick={() => setMode('read')}>
              Keep
            </button>
          </div>
        </Show>
      </div>
    </li>
  )
}

function EditMessage(props: { text: string; onSave: (text: string) => void; onDone: () => void }) {
  let input!: HTMLTextAreaElement
  onMount(() => {
    input.focus()
    input.setSelectionRange(input.value.length, input.value.length)
  })
  const save = () => {
    const text = input.value.trim()
    if (text && text !== props.text) props.onSave(text)
    props.onDone()
  }
  return (
    <form
      class="message-edit"
      onSubmit={(event) => {
        event.preventDefault()
        save()
      }}
    >
      <textarea
        ref={input}
        rows={Math.min(8, Math.max(2, props.text.split('\n').length + Math.floor(props.text.length / 45)))}
        aria-label="Edit message"
        maxLength={Limits.messageText}
        value={props.text}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            props.onDone()
          } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault()
            save()
          }
        }}
      />
      <div class="message-edit-actions">
        <button type="submit" class="button button--small button--primary">
          Save
        </button>
        <button type="button" class="button button--small" onClick={() => props.onDone()}>
          Cancel
        </button>
      </div>
    </form>
  )
}
