import { For, Show, createSignal, createUniqueId, onMount } from 'solid-js'
import type { MemberView } from '../../../shared/contract/view'
import { Limits } from '../../../shared/model/limits'
import { FormError } from '../../ui/Dialog'
import { useOffice } from '../office-context'
import { insertMention, mentionQueryAt, mentionSuggestions, resolveMentions } from './mentions'

/**
 * Writes into a room's discussion: Enter sends, Shift+Enter starts a new line. Typing `@` offers
 * members to mention: arrow keys choose, Enter or Tab picks, Escape closes the list.
 */
export function Composer(props: { roomId: string; roomName: string }) {
  const office = useOffice()
  const [text, setText] = createSignal('')
  const [error, setError] = createSignal<string | null>(null)
  const [caret, setCaret] = createSignal(0)
  const [dismissed, setDismissed] = createSignal(false)
  const [active, setActive] = createSignal(0)
  /** Names picked from the list, to the member picked: a namesake typed later means the same person. */
  const picked = new Map<string, string>()
  const listId = createUniqueId()
  let input!: HTMLTextAreaElement
  onMount(() => input.focus())

  const members = () => Object.values(office.view().members)
  const query = () => (dismissed() ? null : mentionQueryAt(text(), caret()))
  const suggestions = (): MemberView[] => {
    const at = query()
    return at ? mentionSuggestions(members(), at.query, office.view().me.userId) : []
  }
  const optionId = (index: number) => `${listId}-${index}`

  const edited = (value: string, at: number) => {
    setText(value)
    setCaret(at)
    setDismissed(false)
    setActive(0)
  }
  const pick = (member: MemberView) => {
    const at = query()
    if (!at) return
    const next = insertMention(text(), at.start, caret(), member.name)
    picked.set(member.name, member.id)
    edited(next.text, next.caret)
    input.value = next.text
    input.setSelectionRange(next.caret, next.caret)
    input.focus()
  }

  const send = async () => {
    const message = text().trim()
    if (!message) return
    const mentions = resolveMentions(message, members(), picked)
    // Clear at once so the next message can be typed; a refused one comes back to be fixed.
    edited('', 0)
    const result = await office.attempt({ type: 'postMessage', roomId: props.roomId, text: message, ...(mentions.length > 0 ? { mentions } : {}) })
    setError(result.ok ? null : result.error)
    if (!result.ok && !text()) setText(message)
    if (result.ok) picked.clear()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const options = suggestions()
    if (options.length > 0 && !event.isComposing) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        setActive((index) => (index + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length)
        return
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault()
        pick(options[Math.min(active(), options.length - 1)]!)
        return
      }
      if (event.key === 'Escape') {
        // Closes the list, not the discussion.
        event.preventDefault()
        setDismissed(true)
        return
      }
    }
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return
    event.preventDefault()
    void send()
  }

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault()
        void send()
      }}
    >
      <FormError error={error()} />
      <Show when={suggestions().length > 0}>
        <ul id={listId} class="mention-list" role="listbox" aria-label="Mention someone">
          <For each={suggestions()}>
            {(member, index) => (
              <li
                id={optionId(index())}
                role="option"
                class="mention-option"
                aria-selected={index() === active()}
                // Keeps focus in the textarea, so typing goes on after a click.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(member)}
              >
                {member.name}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="composer-row">
        <textarea
          ref={input}
          class="composer-input"
          rows={2}
          aria-label={`Message ${props.roomName}`}
          aria-autocomplete="list"
          aria-controls={suggestions().length > 0 ? listId : undefined}
          aria-activedescendant={suggestions().length > 0 ? optionId(Math.min(active(), suggestions().length - 1)) : undefined}
          placeholder={`Message ${props.roomName}`}
          maxLength={Limits.messageText}
          value={text()}
          onInput={(event) => edited(event.currentTarget.value, event.currentTarget.selectionStart)}
          onKeyUp={(event) => {
            if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home' || event.key === 'End') setCaret(event.currentTarget.selectionStart)
          }}
          onClick={(event) => setCaret(event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" class="button button--primary" disabled={!text().trim()}>
          Send
        </button>
      </div>
    </form>
  )
}
