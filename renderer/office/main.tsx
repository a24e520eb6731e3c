import { createEffect, createRoot } from 'solid-js'
import { render } from 'solid-js/web'
import { CORE_PORT_MESSAGE, type HallwayBridge } from '../../shared/contract/electron-bridge'
import { officeOwnerSchema } from '../../shared/contract/electron-bridge-answers'
import { appAvatarPhotos, AvatarPhotosContext } from '../ui/avatar-photos'
import { channelFromPort } from '../ui/port-channel'
import { applySavedTheme } from '../ui/theme'
import { OfficeApp } from './OfficeApp'
import { GlobalShortcutSetting } from './settings/GlobalShortcutSetting'
import { notificationChoices } from './settings/notification-choices'
import { StartAtLoginSetting } from './StartAtLoginSetting'
import { UpdateChannelSetting } from './UpdateChannelSetting'
import { storedViewSnapshots, type ViewSnapshots } from './view-snapshot-store'

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

// Whose office this is keys this device's saved view, painted before the core's first snapshot.
// Asked once, before the core's port: an answer that does not check out only means no saved view.
const snapshots: Promise<ViewSnapshots | undefined> = Promise.resolve(window.hallway?.officeOwner())
  .then((answer) => {
    const owner = officeOwnerSchema.safeParse(answer)
    return owner.success ? storedViewSnapshots(owner.data.serverUrl, { teamId: owner.data.teamId, userId: owner.data.userId }) : undefined
  })
  .catch(() => undefined)

// The preload posts the core's port from this same window; a new port (core restarted) replaces
// the old one and the office starts over from a fresh snapshot.
window.addEventListener('message', (event) => {
  const port = event.ports[0]
  if (event.source !== window || event.data !== CORE_PORT_MESSAGE || !port) return
  void snapshots.then((saved) => showOffice(port, saved))
})

function showOffice(port: MessagePort, snapshots: ViewSnapshots | undefined): void {
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
        <OfficeApp channel={channelFromPort(port)} settingsSlots={{ desktopRows }} snapshots={snapshots} />
      </AvatarPhotosContext.Provider>
    ),
    root,
  )
}

window.hallway?.requestCorePort()
