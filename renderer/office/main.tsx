import { createEffect, createRoot } from 'solid-js'
import { render } from 'solid-js/web'
import { CORE_PORT_MESSAGE, type HallwayBridge } from '../../shared/contract/electron-bridge'
import { appAvatarPhotos, AvatarPhotosContext } from '../ui/avatar-photos'
import { channelFromPort } from '../ui/port-channel'
import { applySavedTheme } from '../ui/theme'
import { OfficeApp } from './OfficeApp'
import { GlobalShortcutSetting } from './settings/GlobalShortcutSetting'
import { notificationChoices } from './settings/notification-choices'
import { StartAtLoginSetting } from './StartAtLoginSetting'
import { UpdateChannelSetting } from './UpdateChannelSetting'

declare global {
  interface Window {
    hallway?: HallwayBridge
  }
}

applySavedTheme()
// Main shows the desktop's notifications (they outlive this window and act on the core); it obeys
// this device's switches, told now and after each change.
createRoot(() => createEffect(() => window.hallway?.setNotificationChoices(notificationChoices())))
const root = document.getElementById('root')!
let unmount: (() => void) | null = null

// The preload posts the core's port from this same window; a new port (core restarted) replaces
// the old one and the office starts over from a fresh snapshot.
window.addEventListener('message', (event) => {
  const port = event.ports[0]
  if (event.source !== window || event.data !== CORE_PORT_MESSAGE || !port) return
  unmount?.()
  const platform = window.hallway?.platform ?? ''
  const desktopRows = () => (
    <>
      <GlobalShortcutSetting platform={platform} />
      <StartAtLoginSetting />
      <UpdateChannelSetting />
    </>
  )
  unmount = render(
    () => (
      <AvatarPhotosContext.Provider value={appAvatarPhotos(window.hallway)}>
        <OfficeApp channel={channelFromPort(port)} settingsSlots={{ desktopRows }} />
      </AvatarPhotosContext.Provider>
    ),
    root,
  )
})

window.hallway?.requestCorePort()
