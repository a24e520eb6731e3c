import { Show } from 'solid-js'
import { createNow } from '../ui/clock'
import { restartToUpdate, updateLine, updateStatus } from './update-status'
import './update-bar.css'

/** A small line about the desktop app's update: download progress, then "Restart now". Desktop only. */
export function UpdateBar() {
  const now = createNow()
  const line = () => {
    const status = updateStatus()
    return status ? updateLine(status, now()) : null
  }
  return (
    <Show when={line()}>
      {(current) => (
        <div class="update-bar" role="status">
          <span class="update-bar-text">{current().text}</span>
          <Show when={current().progress !== undefined}>
            <progress class="update-bar-progress" max="100" value={current().progress} aria-label="Update download" />
          </Show>
          <Show when={current().offerRestart}>
            <button type="button" class="button button--small button--primary" onClick={restartToUpdate}>
              Restart now
            </button>
          </Show>
        </div>
      )}
    </Show>
  )
}
