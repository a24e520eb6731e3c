// A fake of the Electron slice main uses (ElectronApi), for main's unit tests. It records what
// main asks of Electron and lets a test play Electron's side: emit app events, send IPC, kill cores.
// Each faked API area lives in fake-electron/; this puts one instance of each together.
import type { ElectronApi } from '../main/electron-api'
import { fakeApp, type FakeElectronOptions } from './fake-electron/app'
import { fakeGlobalShortcut } from './fake-electron/global-shortcut'
import { fakeIpc } from './fake-electron/ipc'
import { fakeNet } from './fake-electron/net'
import { fakeNotifications } from './fake-electron/notifications'
import { fakePowerMonitor } from './fake-electron/power-monitor'
import { readyGate } from './fake-electron/ready-gate'
import { fakeScreenCapture } from './fake-electron/screen-capture'
import { fakeSession } from './fake-electron/session'
import { fakeShell } from './fake-electron/shell'
import { fakeTrayMenu } from './fake-electron/tray-menu'
import { fakeUtilityProcesses } from './fake-electron/utility-process'
import { fakeWindows } from './fake-electron/windows'

export { fakeOs, type FakeElectronOptions, type FakeOs } from './fake-electron/app'
export { FakePort } from './fake-electron/ipc'
export { FakeNotification } from './fake-electron/notifications'
export { FakeMenu, FakeTray } from './fake-electron/tray-menu'
export { FakeUtilityProcess } from './fake-electron/utility-process'
export { FakeBrowserWindow, FakeWebContents, fakeFrame } from './fake-electron/windows'

export function fakeElectron(options: FakeElectronOptions = {}) {
  const gate = readyGate(options.ready ?? true)
  const app = fakeApp(options, gate)
  const windows = fakeWindows(gate)
  const ipc = fakeIpc()
  const utilityProcesses = fakeUtilityProcesses()
  const session = fakeSession(gate)
  const screenCapture = fakeScreenCapture()
  const net = fakeNet(gate)
  const shell = fakeShell()
  const trayMenu = fakeTrayMenu(gate)
  const notifications = fakeNotifications(gate)
  const globalShortcut = fakeGlobalShortcut()
  const powerMonitor = fakePowerMonitor()

  const electron: ElectronApi = {
    ...app.api,
    ...windows.api,
    ...ipc.api,
    ...utilityProcesses.api,
    ...session.api,
    ...screenCapture.api,
    ...net.api,
    ...shell.api,
    ...trayMenu.api,
    ...notifications.api,
    ...globalShortcut.api,
    ...powerMonitor.api,
  }
  return {
    electron,
    ...app.controls,
    ...windows.controls,
    ...ipc.controls,
    ...utilityProcesses.controls,
    ...session.controls,
    ...screenCapture.controls,
    ...net.controls,
    ...shell.controls,
    ...trayMenu.controls,
    ...notifications.controls,
    ...globalShortcut.controls,
    ...powerMonitor.controls,
  }
}
