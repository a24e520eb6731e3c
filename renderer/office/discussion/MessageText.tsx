import { For } from 'solid-js'
import { linkify } from '../linkify'

/** Message text with its links clickable (they open outside Hallway). */
export function MessageText(props: { text: string }) {
  return (
    <p class="message-text">
      <For each={linkify(props.text)}>
        {(part) =>
          'url' in part ? (
            <a href={part.url} target="_blank" rel="noopener noreferrer">
              {part.url}
            </a>
          ) : (
            part.text
          )
        }
      </For>
    </p>
  )
}
