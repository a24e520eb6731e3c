// Main's entry: the only main-process file that imports Electron; everything else gets it injected.
import { app, BrowserWindow, desktopCapturer, globalShortcut, ipcMain, Menu, MessageChannelMain, net, Notification, powerMonitor, protocol, screen, session, shell, Tray, utilityProcess, webContents } from 'electron'
// electron-updater is CommonJS whose autoUpdater getter Node's ESM named-export detection misses.
import electronUpdater from 'electron-updater'
import { join } from 'node:path'
import type { ElectronApi } from './electron-api'
import { readSignIn } from '../common/token-file'
import { readLaunchConfig } from './launch-config'
import { coreDataDir, startMainProcess } from './main-process'

const electron: ElectronApi = {
  app,
  BrowserWindow,
  desktopCapturer,
  globalShortcut,
  ipcMain,
  Menu,
  MessageChannelMain,
  net,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  Tray,
  utilityProcess,
  webContents,
}

startMainProcess(electron, {
  config: readLaunchConfig(process.argv.slice(1), process.env, { packaged: app.isPackaged, stored: readSignIn(coreDataDir(app)) }),
  buildDir: import.meta.dirname,
  devRendererUrl: process.env.ELECTRON_RENDERER_URL,
  env: process.env,
  launchArgv: process.argv.slice(1),
  // Read on ready: electron-updater picks the class for this platform and package (AppImage, deb, dmg, nsis).
  updater: () => electronUpdater.autoUpdater,
  resourcesDir: app.isPackaged ? process.resourcesPath : join(import.meta.dirname, '../../resources'),
  log: (message) => console.error(message),
})
