// Which microphone, camera and speaker a call uses, as pure functions of the device lists: the
// one the member chose while it is plugged in, else the system default, saying so once.

export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput'

export const DEVICE_KINDS: readonly DeviceKind[] = ['audioinput', 'videoinput', 'audiooutput']
/** What a device picker calls each kind. */
export const DEVICE_TITLES: Record<DeviceKind, string> = { audioinput: 'Microphone', videoinput: 'Camera', audiooutput: 'Speaker' }

export interface DeviceOption {
  deviceId: string
  label: string
}

/** The member's choice for one kind, kept with its label to name it once it is unplugged. */
export type PreferredDevice = DeviceOption

export interface DevicePlan {
  /** The device to use now; null: leave the call's device alone (nothing listed, or no permission yet). */
  use: string | null
  /** The chosen device is not plugged in (the default stands in for it). */
  missing: boolean
  /** One line for the member when the chosen device has just gone; null: nothing new to say. */
  notice: string | null
}

export const DEFAULT_DEVICE = 'default'

const nouns: Record<DeviceKind, string> = { audioinput: 'microphone', videoinput: 'camera', audiooutput: 'speaker' }

export function deviceNoun(kind: DeviceKind): string {
  return nouns[kind]
}

/** Chromium lists a "default" entry for audio; cameras have none, so the first camera stands in. */
export function defaultOf(available: readonly DeviceOption[]): DeviceOption | undefined {
  return available.find((device) => device.deviceId === DEFAULT_DEVICE) ?? available[0]
}

/**
 * `active` is what the call uses now; `wasMissing` is the last plan's `missing`, so the member
 * hears once that the device went, however often the lists change (or LiveKit moves first).
 * Without media permission the browser lists devices with empty ids: then nothing is decided.
 */
export function planDevice(
  kind: DeviceKind,
  available: readonly DeviceOption[],
  preferred: PreferredDevice | null,
  active: string | undefined,
  wasMissing = false,
): DevicePlan {
  const listed = available.filter((device) => device.deviceId !== '')
  // No choice and no device yet: the browser's default is what the call will open.
  if (listed.length === 0 || (!preferred && active === undefined)) return { use: null, missing: wasMissing, notice: null }
  const chosen = preferred && listed.find((device) => device.deviceId === preferred.deviceId)
  const target = chosen ?? defaultOf(listed)!
  const missing = preferred !== null && !chosen && preferred.deviceId !== DEFAULT_DEVICE
  const notice =
    missing && !wasMissing
      ? `Your ${nouns[kind]} “${preferred.label || 'chosen device'}” is gone: using ${target.label || `the default ${nouns[kind]}`} until you plug it back in or pick another.`
      : null
  return { use: target.deviceId === active ? null : target.deviceId, missing, notice }
}
