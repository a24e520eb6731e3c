import { For } from 'solid-js'
import { DEVICE_TITLES, type DeviceKind, type DeviceOption } from './device-choice'

/** A device by its label, or "Microphone 2" when the browser hides labels. */
export function deviceLabel(kind: DeviceKind, device: DeviceOption, index: number): string {
  return device.label || `${DEVICE_TITLES[kind]} ${index + 1}`
}

/** The <option>s of a device picker: each device by its label, or "Microphone 2" when the browser hides labels. */
export function DeviceOptions(props: { kind: DeviceKind; devices: readonly DeviceOption[]; selectedId: string | undefined }) {
  return (
    <For each={props.devices}>
      {(device, index) => (
        <option value={device.deviceId} selected={device.deviceId === props.selectedId} title={deviceLabel(props.kind, device, index())}>
          {deviceLabel(props.kind, device, index())}
        </option>
      )}
    </For>
  )
}
