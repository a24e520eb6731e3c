import { Show } from 'solid-js'
import type { OfficeView } from '../../shared/contract/view'

type Connection = OfficeView['connection']

const OFFLINE_TEXT = 'Offline, reconnecting — this is the office as you last saw it; your changes sync when you are back'

export function connectionText(connection: Connection): string {
  switch (connection.state) {
    case 'online':
      // News a person must read while connected: a refused change undone, or saving to disk failing.
      return connection.detail ? `Online — ${connection.detail}` : 'Online'
    case 'connecting':
      return 'Connecting…'
    case 'offline':
      return OFFLINE_TEXT
    case 'denied':
      return `Signed out — ${connection.detail ?? 'Sign in again to reconnect.'}`
  }
}

export function ConnectionBadge(props: { connection: Connection; onSignIn?: () => void; onRetry: () => void }) {
  return (
    <p class={`connection connection--${props.connection.state}`} role="status" title={connectionText(props.connection)}>
      <span class="connection-dot" aria-hidden="true" />
      <span class="connection-text">{connectionText(props.connection)}</span>
      <Show when={props.connection.state === 'offline'}>
        {/* What a header too narrow for the sentence shows instead; the sentence stays its accessible text and title. */}
        <span class="connection-short" aria-hidden="true">
          Offline
        </span>
      </Show>
      <Show when={props.connection.state === 'offline'}>
        <button type="button" class="link-button" onClick={() => props.onRetry()}>
          Retry now
        </button>
      </Show>
      <Show when={props.connection.state === 'denied' && props.onSignIn}>
        {(signIn) => (
          <button type="button" class="link-button" onClick={() => signIn()()}>
            Sign in again
          </button>
        )}
      </Show>
    </p>
  )
}
