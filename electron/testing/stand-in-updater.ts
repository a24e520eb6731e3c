// Stand-ins for what electron-updater needs from Electron, which cannot run here: the `app` (an
// AppAdapter over temp folders), Electron's `net` (a Node HTTP client), and the install step (which
// would run the downloaded AppImage and quit Electron). Everything else is electron-updater's own code.
import { request, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime'
import electronUpdater from 'electron-updater'
import type { AppAdapter } from 'electron-updater/out/AppAdapter'

export interface StandInApp extends AppAdapter {
  quits: number
}

/** Electron's app as electron-updater sees it; `resourcesDir` holds the app-update.yml electron-builder would package. */
export function standInApp(options: { version: string; userData: string; cache: string; resourcesDir: string }): StandInApp {
  const app: StandInApp = {
    version: options.version,
    name: 'Hallway',
    isPackaged: true,
    appUpdateConfigPath: join(options.resourcesDir, 'app-update.yml'),
    userDataPath: options.userData,
    baseCachePath: options.cache,
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => void (app.quits += 1),
    onQuit: () => {},
    quits: 0,
  }
  return app
}

/** The app-update.yml electron-builder writes from `publish: { provider: generic, url }`. */
export function writeAppUpdateConfig(resourcesDir: string, feedUrl: string): void {
  writeFileSync(join(resourcesDir, 'app-update.yml'), `provider: generic\nurl: ${JSON.stringify(feedUrl)}\nupdaterCacheDirName: hallway-updater\n`)
}

/** Electron's net as electron-updater's ElectronHttpExecutor drives it, on node:http instead. */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback)
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined }
      configureRequestUrl(url, requestOptions)
      configureRequestOptions(requestOptions)
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (error) => (error ? reject(error) : resolve(destination)), responseHandler: null }, 0)
    })
  }
}

/**
 * electron-updater's real AppImageUpdater (feed, staging, download, sha512 check, install gate),
 * with Node's HTTP in place of Electron's net and the install step recorded instead of run.
 */
export class StandInAppImageUpdater extends electronUpdater.AppImageUpdater {
  /** The files electron-updater handed to the install step (after its own checks passed). */
  readonly installed: string[] = []

  constructor(readonly standIn: StandInApp) {
    super(null, standIn)
    // Given an app adapter, electron-updater leaves its HTTP client to the caller.
    Object.assign(this, { httpExecutor: new NodeHttpExecutor() })
    // A stand-in AppImage carries no block map to diff against.
    this.disableDifferentialDownload = true
  }

  protected override doInstall(): boolean {
    if (this.installerPath) this.installed.push(this.installerPath)
    return this.installerPath !== null
  }

  // The real one also emits Electron's before-quit-for-update, which needs the Electron binary.
  override quitAndInstall(isSilent = false, isForceRunAfter = false): void {
    if (this.install(isSilent, isForceRunAfter)) this.app.quit()
  }
}
