// Electron's app: readiness, the single-instance lock, quitting, login item and the events main hears.
import type { ElectronApi } from '../../main/electron-api'
import { FakeEmitter } from './emitter'
import type { ReadyGate } from './ready-gate'

/**
 * The machine fake instances run on: which one holds the single-instance lock. A later instance
 * is refused it, and (as Electron does) the holder hears 'second-instance' with its argv.
 */
export interface FakeOs {
  lockHolder: FakeEmitter | null
}

export function fakeOs(): FakeOs {
  return { lockHolder: null }
}

export interface FakeElectronOptions {
  /** false: the app starts before 'ready', as Electron does; play it with becomeReady(). */
  ready?: boolean
  /** Shared by instances that compete for the single-instance lock. */
  os?: FakeOs
  /** This instance's command line (what a refused second instance hands the first). */
  argv?: string[]
}

export function fakeApp(options: FakeElectronOptions, gate: ReadyGate) {
  const emitter = new FakeEmitter()
  const os = options.os ?? fakeOs()
  const quits: number[] = []
  /** Whether a quit went through: nobody prevented its before-quit or will-quit. */
  const lifecycle = { exited: false, relaunches: 0, appUserModelId: null as string | null }
  /** app.getPath's answers; a test that lets main write files points userData at a temporary folder. */
  const paths = { userData: '/fake/user-data' }
  /** The OS's login item for Hallway, as app.setLoginItemSettings leaves it. */
  const loginItem = { openAtLogin: false }
  /** Schemes main asked the OS to hand it. */
  const protocolClients: string[] = []
  /** Emits an app event that can be prevented, as Electron's quit events can; true when nobody did. */
  const emitPreventable = (event: string) => {
    let prevented = false
    emitter.emit(event, { preventDefault: () => (prevented = true) })
    return !prevented
  }

  const app: ElectronApi['app'] = Object.assign(emitter, {
    isPackaged: true,
    getPath: () => paths.userData,
    whenReady: () => gate.whenReady,
    requestSingleInstanceLock: () => {
      const holder = os.lockHolder
      if (holder === null || holder === emitter) {
        os.lockHolder = emitter
        return true
      }
      queueMicrotask(() => holder.emit('second-instance', {}, options.argv ?? [], '/'))
      return false
    },
    setAsDefaultProtocolClient: (scheme: string) => (protocolClients.push(scheme), true),
    // As Electron: before-quit, (the windows close), will-quit, then the process ends unless one was prevented.
    relaunch: () => void lifecycle.relaunches++,
    setAppUserModelId: (id: string) => void (lifecycle.appUserModelId = id),
    getLoginItemSettings: () => ({ ...loginItem }),
    setLoginItemSettings: (settings: { openAtLogin: boolean }) => void (loginItem.openAtLogin = settings.openAtLogin),
    quit: () => {
      quits.push(Date.now())
      if (emitPreventable('before-quit') && emitPreventable('will-quit')) lifecycle.exited = true
    },
  })

  return {
    api: { app },
    controls: {
      quits,
      lifecycle,
      paths,
      loginItem,
      protocolClients,
      os,
      /** Plays Electron's 'ready': whenReady() resolves and windows may open. */
      becomeReady: async () => {
        gate.open()
        emitter.emit('ready')
        await gate.whenReady
        await Promise.resolve()
      },
      emitApp: (event: string, ...args: unknown[]) => emitter.emit(event, ...args),
      /** Plays macOS opening a link; true when main took it (prevented the default). */
      openUrl: (url: string) => {
        let taken = false
        emitter.emit('open-url', { preventDefault: () => (taken = true) }, url)
        return taken
      },
      /** Plays a second launch (Windows/Linux) with this command line. */
      secondInstance: (argv: string[]) => emitter.emit('second-instance', {}, argv, '/'),
      /** Plays Electron reporting a child process gone, as app 'child-process-gone' does. */
      childGone: (details: { type: string; reason: string; name?: string }) => emitter.emit('child-process-gone', {}, details),
    },
  }
}
