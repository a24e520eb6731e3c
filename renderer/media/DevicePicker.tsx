// The call bar's microphone, camera and speaker pickers over the call's devices (call-devices.ts).
import { For, Show, createSignal, onCleanup } from 'solid-js'
import type { CallDevices } from './call-devices'
import { DeviceOptions, deviceLabel } from './DeviceOptions'
import { DEVICE_KINDS, DEVICE_TITLES as titles, type DeviceKind } from './device-choice'

export function DevicePicker(props: { devices: CallDevices }) {
  const read = () => ({ lists: props.devices.lists(), active: (kind: DeviceKind) => props.devices.active(kind) })
  const [current, setCurrent] = createSignal(read(), { equals: false })
  onCleanup(props.devices.onChange(() => setCurrent(read())))
  const activeLabel = (kind: DeviceKind) => {
    const list = current().lists[kind]
    const index = list.findIndex((device) => device.deviceId === current().active(kind))
    return index < 0 ? undefined : deviceLabel(kind, list[index]!, index)
  }
  return (
    <div class="call-devices">
      <For each={DEVICE_KINDS}>
        {(kind) => (
          <Show when={current().lists[kind].length > 0}>
            <label class="call-device">
              <span class="call-device-title">{titles[kind]}</span>
              {/* A long device name ends in an ellipsis in the narrow column; the title gives it whole. */}
              <select title={activeLabel(kind)} onChange={(event) => props.devices.choose(kind, event.currentTarget.value)}>
                <DeviceOptions kind={kind} devices={current().lists[kind]} selectedId={current().active(kind)} />
              </select>
            </label>
          </Show>
        )}
      </For>
    </div>
  )
}
