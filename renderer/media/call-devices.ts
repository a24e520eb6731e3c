// The call's microphone, camera and speaker on its Room: the lists to pick from, the member's
// choice (remembered on this device), and a hot-plug watch that moves to the default without
// dropping the call when the chosen device goes (device-choice.ts decides; this applies).
import { Room, RoomEvent } from 'livekit-client'
import { DEVICE_KINDS, deviceNoun, planDevice, type DeviceKind, type DeviceOption } from './device-choice'
import { onDevicePreferences, preferDevice, readDevicePreferences } from './device-preferences'

export type DeviceLists = Record<DeviceKind, DeviceOption[]>

export interface CallDevices {
  lists(): DeviceLists
  active(kind: DeviceKind): string | undefined
  /** Remembers the choice for this and the next calls, and switches to it. */
  choose(kind: DeviceKind, deviceId: string): void
  /** Reads the device lists again and moves to the right devices. */
  refresh(): Promise<void>
  onChange(listener: () => void): () => void
  close(): void
}

export function manageCallDevices(livekitRoom: Room, notify: (line: string) => void): CallDevices {
  let lists: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] }
  const missing = new Set<DeviceKind>()
  const listeners = new Set<() => void>()
  const emit = () => {
    for (const listener of listeners) listener()
  }

  const labelOf = (kind: DeviceKind, deviceId: string) => lists[kind].find((device) => device.deviceId === deviceId)?.label ?? ''
  const switchTo = async (kind: DeviceKind, deviceId: string) => {
    const label = labelOf(kind, deviceId) || `that ${deviceNoun(kind)}`
    await livekitRoom.switchActiveDevice(kind, deviceId).catch(() => notify(`Could not switch to ${label}: pick another ${deviceNoun(kind)} in the call bar.`))
  }

  const refresh = async () => {
    // No permission prompt here: the call's own capture asked already.
    const all = await Room.getLocalDevices(undefined, false).catch(() => [])
    const next: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] }
    for (const { kind, deviceId, label } of all) next[kind].push({ deviceId, label })
    lists = next
    const preferred = readDevicePreferences()
    for (const kind of DEVICE_KINDS) {
      const plan = planDevice(kind, lists[kind], preferred[kind] ?? null, livekitRoom.getActiveDevice(kind), missing.has(kind))
      if (plan.missing) missing.add(kind)
      else missing.delete(kind)
      if (plan.use !== null) await switchTo(kind, plan.use)
      if (plan.notice) notify(plan.notice)
    }
    emit()
  }

  const onDevicesChanged = () => void refresh()
  livekitRoom.on(RoomEvent.MediaDevicesChanged, onDevicesChanged).on(RoomEvent.ActiveDeviceChanged, emit)
  // A choice made in Settings (this window or another) moves the call like one made here.
  const stopPreferences = onDevicePreferences(onDevicesChanged)

  return {
    lists: () => lists,
    active: (kind) => livekitRoom.getActiveDevice(kind),
    choose(kind, deviceId) {
      missing.delete(kind)
      // The preference's listener (below) refreshes, and the refresh switches.
      preferDevice(kind, { deviceId, label: labelOf(kind, deviceId) })
    },
    refresh,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      stopPreferences()
      livekitRoom.off(RoomEvent.MediaDevicesChanged, onDevicesChanged).off(RoomEvent.ActiveDeviceChanged, emit)
      listeners.clear()
    },
  }
}
