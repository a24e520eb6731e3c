// The member's microphone, camera and speaker choices, kept on this device. The call bar and the
// Settings dialog both write them; a call listens, so a choice made anywhere moves the call (the
// desktop's call runs in another window, which hears of it through the storage event).
import { z } from 'zod'
import { localSetting } from '../ui/local-setting'
import type { DeviceKind, PreferredDevice } from './device-choice'

const KEY = 'hallway.callDevices'
const preferredSchema = z.object({ deviceId: z.string().max(512), label: z.string().max(512) })
const preferencesSchema = z.object({ audioinput: preferredSchema, videoinput: preferredSchema, audiooutput: preferredSchema }).partial()
// zod is fine here: the call code loads after the office's first frame.
const setting = localSetting(KEY, (value) => preferencesSchema.safeParse(value).data, {})
const listeners = new Set<() => void>()

export type DevicePreferences = Partial<Record<DeviceKind, PreferredDevice>>

export function readDevicePreferences(): DevicePreferences {
  return setting.read()
}

export function preferDevice(kind: DeviceKind, device: PreferredDevice): void {
  setting.write({ ...setting.read(), [kind]: device })
  for (const listener of listeners) listener()
}

/** Told of a choice made in this window or another of this device's windows. */
export function onDevicePreferences(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => event.key === KEY && listener()
  listeners.add(listener)
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}
