// The office's call bar: where my call stands, the publish policy's (or a device's) one-line
// message, the device pickers, and the call's videos (CallVideos.tsx). Rendered by the host into
// the office's call slot.
import { Match, Show, Switch } from 'solid-js'
import type { OfficeCallPhase } from './office-call'
import type { OfficeCallHandle } from './use-office-call'
import { DevicePicker } from './DevicePicker'
import { CallVideos } from './CallVideos'
import { callFailureText } from './call-failure'
import './call-bar.css'

const stateLines: Partial<Record<OfficeCallPhase, (room: string) => string>> = {
  connecting: (room) => `In ${room} — connecting…`,
  connected: (room) => `In ${room} — connected`,
  reconnecting: () => 'Reconnecting…',
  moved: () => 'The call moved to your other device.',
}

export function CallBar(props: { call: OfficeCallHandle; roomName: (roomId: string) => string }) {
  const state = () => props.call.state()
  const line = () => stateLines[state().phase]?.(props.roomName(state().roomId ?? ''))
  const failure = () => callFailureText(state().failure)
  return (
    <Switch>
      <Match when={state().phase === 'unavailable'}>
        <p class="call-note" aria-live="polite">
          Calls are unavailable on this server — presence and chat still work.
        </p>
      </Match>
      <Match when={state().phase !== 'idle'}>
        <div class="call-bar" role="group" aria-label="Call" data-phase={state().phase}>
          <Show when={state().phase === 'failed'} fallback={<p class="call-state" aria-live="polite">{line()}</p>}>
            <div class="call-failure" role="alert">
              <p class="call-state">Call failed: {failure().reason}</p>
              <Show when={failure().next}>
                <p class="call-next">{failure().next}</p>
              </Show>
              <button type="button" class="button button--small call-retry" onClick={() => props.call.controller.retry()}>
                Retry
              </button>
            </div>
          </Show>
          <Show when={state().notice}>
            <p class="call-notice">{state().notice}</p>
          </Show>
          <Show when={props.call.heldCall()} keyed>
            {(call) => (
              <>
                <DevicePicker devices={call.devices} />
                <CallVideos livekitRoom={call.livekitRoom} />
              </>
            )}
          </Show>
        </div>
      </Match>
    </Switch>
  )
}
