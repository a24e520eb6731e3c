import { For, Show } from 'solid-js'
import { updateChannelSchema, type UpdateChannel } from '../../shared/contract/updates'
import { chooseUpdateChannel, updateStatus } from './update-status'

const labels: Record<UpdateChannel, string> = { stable: 'Stable', beta: 'Beta' }

/** "Updates: Stable / Beta" for the desktop app; renders nothing on the web. */
export function UpdateChannelSetting() {
  return (
    <Show when={updateStatus()}>
      {(status) => (
        <label class="theme-select update-channel">
          <span class="theme-select-label">Updates</span>
          <select value={status().channel} onChange={(event) => chooseUpdateChannel(updateChannelSchema.parse(event.currentTarget.value))}>
            <For each={updateChannelSchema.options}>{(channel) => <option value={channel}>{labels[channel]}</option>}</For>
          </select>
        </label>
      )}
    </Show>
  )
}
