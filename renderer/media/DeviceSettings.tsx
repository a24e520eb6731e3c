// The Settings dialog's Devices section, passed in by the web host (the office holds no media):
// microphone, camera and speaker for calls, chosen before or during one. It is the same per-device
// choice the call bar writes (device-preferences.ts), which a running call follows.
import { For, Show, createSignal, onCleanup, onMount } from 'solid-js'
import { DEVICE_KINDS, DEVICE_TITLES, defaultOf, type DeviceKind, type DeviceOption } from './device-choice'
import { DeviceOptions } from './DeviceOptions'
import { onDevicePreferences, preferDevice, readDevicePreferences } from './device-preferences'
import { FormError } from '../ui/Dialog'

type DeviceLists = Record<DeviceKind, DeviceOption[]>

async function listDevices(): Promise<DeviceLists> {
  const lists: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] }
  const all = (await navigator.mediaDevices?.enumerateDevices().catch(() => [])) ?? []
  // Without permission the browser lists devices with empty ids: nothing to choose between yet.
  for (const { kind, deviceId, label } of all) if (deviceId !== '') lists[kind].push({ deviceId, label })
  return lists
}

export function DeviceSettings() {
  // Null until the first listing: the permission request shows only when it is needed.
  const [lists, setLists] = createSignal<DeviceLists | null>(null)
  const [preferences, setPreferences] = createSignal(readDevicePreferences())
  const [problem, setProblem] = createSignal<string | null>(null)
  const refresh = async () => setLists(await listDevices())
  const listed = () => DEVICE_KINDS.some((kind) => (lists()?.[kind].length ?? 0) > 0)
  const of = (kind: DeviceKind) => lists()?.[kind] ?? []

  onMount(() => {
    void refresh()
    navigator.mediaDevices?.addEventListener('devicechange', refresh)
    onCleanup(() => navigator.mediaDevices?.removeEventListener('devicechange', refresh))
    onCleanup(onDevicePreferences(() => setPreferences(readDevicePreferences())))
  })

  /** What a call uses: the choice while it is plugged in, else the default (device-choice.ts). */
  const selected = (kind: DeviceKind) => {
    const choice = preferences()[kind]
    const available = of(kind)
    return (choice && available.find((device) => device.deviceId === choice.deviceId)) ?? defaultOf(available)
  }
  const choose = (kind: DeviceKind, deviceId: string) => {
    const device = of(kind).find((option) => option.deviceId === deviceId)
    if (device) preferDevice(kind, device)
  }
  const allow = async () => {
    setProblem(null)
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true })
      for (const track of stream.getTracks()) track.stop()
      await refresh()
    } catch {
      setProblem('The browser did not allow Hallway to use your microphone and camera. Allow it in the address bar, then try again.')
    }
  }

  return (
    <div class="settings-rows">
      <Show
        when={listed() || lists() === null}
        fallback={
          <div class="settings-row">
            <p class="settings-help">Hallway lists your microphones, cameras and speakers once it may use them.</p>
            <button type="button" class="button button--small" onClick={() => void allow()}>
              Allow devices
            </button>
          </div>
        }
      >
        <For each={DEVICE_KINDS}>
          {(kind) => (
            <Show when={of(kind).length > 0}>
              <label class="settings-row">
                <span class="settings-row-label">{DEVICE_TITLES[kind]}</span>
                <select class="settings-select" value={selected(kind)?.deviceId ?? ''} onChange={(event) => choose(kind, event.currentTarget.value)}>
                  <DeviceOptions kind={kind} devices={of(kind)} selectedId={selected(kind)?.deviceId} />
                </select>
              </label>
            </Show>
          )}
        </For>
      </Show>
      <FormError error={problem()} />
    </div>
  )
}
