// Main's entry: the only main-process file that imports Electron; everything else gets it injected.
import { app, BrowserWindow, ipcMain, MessageChannelMain, powerMonitor, protocol, session, shell, utilityProcess } from 'electron'
import type { ElectronApi } from './electron-api'
import { readLaunchConfig } from './launch-config'
import { startMainProcess } from './main-process'

const electron: ElectronApi = { app, BrowserWindow, ipcMain, MessageChannelMain, powerMonitor, protocol, session, shell, utilityProcess }

startMainProcess(electron, {
  config: readLaunchConfig(process.argv.slice(1), process.env),
  buildDir: import.meta.dirname,
  devRendererUrl: process.env.ELECTRON_RENDERER_URL,
  env: process.env,
  log: (message) => console.error(message),
})
