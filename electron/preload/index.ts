// Runs sandboxed, so it is built as one CommonJS file with nothing but 'electron' left to require.
import { contextBridge, ipcRenderer } from 'electron'
import { CORE_PORT_MESSAGE, type HallwayBridge } from '../../shared/contract/electron-bridge'
import { IpcChannel } from '../../shared/contract/ipc-channels'

const bridge: HallwayBridge = {
  platform: process.platform,
  requestCorePort: () => ipcRenderer.send(IpcChannel.requestCorePort),
  mediaConfig: () => ipcRenderer.invoke(IpcChannel.mediaConfig),
  startAtLogin: {
    get: () => ipcRenderer.invoke(IpcChannel.getStartAtLogin),
    set: (on) => ipcRenderer.invoke(IpcChannel.setStartAtLogin, on),
  },
  muteShortcut: {
    get: () => ipcRenderer.invoke(IpcChannel.getMuteShortcut),
    set: (accelerator) => ipcRenderer.invoke(IpcChannel.setMuteShortcut, accelerator),
  },
  updates: {
    watch(listener) {
      ipcRenderer.on(IpcChannel.updateStatus, (_event, status: unknown) => listener(status))
      ipcRenderer.send(IpcChannel.watchUpdates)
    },
    restartNow: () => ipcRenderer.send(IpcChannel.restartToUpdate),
    setChannel: (channel) => ipcRenderer.send(IpcChannel.setUpdateChannel, channel),
  },
  setNotificationChoices: (choices) => ipcRenderer.send(IpcChannel.setNotificationChoices, choices),
  uploadAvatarPhoto: (webp) => ipcRenderer.invoke(IpcChannel.uploadAvatarPhoto, webp),
  officeOwner: () => ipcRenderer.invoke(IpcChannel.officeOwner),
}
contextBridge.exposeInMainWorld('hallway', bridge)

// Ports cannot cross contextBridge; window.postMessage transfers them into the page's world. Every
// port is forwarded, including the fresh one main sends after a core restart.
ipcRenderer.on(IpcChannel.corePort, (event) => {
  window.postMessage(CORE_PORT_MESSAGE, '*', event.ports)
})
