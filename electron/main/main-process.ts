import { join } from 'node:path'
import type { AppUpdater } from 'electron-updater'
import { readTokenClaims } from '../../shared/contract/token-claims'
import { coreToMainSchema, type CoreLaunchEnv } from '../../shared/contract/main-to-core'
import { startupToken } from '../common/token-file'
import { APP_ORIGIN, MEDIA_HOST_PAGE, registerAppScheme, serveAppProtocol } from './app-protocol'
import { avatarPhotoRelay } from './avatar-photo-relay'
import { answerAvatarUploads } from './avatar-upload-ipc'
import { answerOfficeOwner } from './office-owner-ipc'
import { brokerCorePorts } from './core-port-broker'
import type { DeepLink } from '../../shared/contract/deep-link'
import { receiveDeepLinks } from './deep-links'
import { superviseCore, type CoreSupervisor } from './core-supervisor'
import type { BrowserWindowLike, ElectronApi } from './electron-api'
import type { LaunchConfig } from './launch-config'
import { openOfficeWindow } from './office-window'
import { leaveBeforeQuit } from './quit-order'
import { reportIdleToCore } from './idle-reporter'
import { followSleepAndLock } from './sleep-and-lock'
import { answerStartAtLogin } from './login-item'
import { answerMediaConfig } from './media-config'
import { startMediaHost } from './media-host'
import { grantMediaOnlyTo } from './permissions'
import { answerScreenShare } from './screen-share'
import { invitePageUrl, setupPageUrl } from './setup-page'
import { signInByInvite, submittedName, type Invite } from './invite-sign-in'
import { answerMuteShortcut } from './mute-shortcut-ipc'
import { readMuteShortcut, saveMuteShortcut } from './mute-shortcut-file'
import { answerNotificationChoices } from './notification-choices-ipc'
import { startTray } from './tray-controller'
import { startUpdates } from './updates/start-updates'
import type { UpdateService } from './updates/update-service'
import { guardAllWebContents } from './web-contents-guards'

export interface MainProcessOptions {
  config: LaunchConfig
  /** out/main, where the built entries sit beside out/preload and out/renderer. */
  buildDir: string
  /** electron-vite's dev server (ELECTRON_RENDERER_URL); honoured only when not packaged. */
  devRendererUrl: string | undefined
  env: Readonly<Record<string, string | undefined>>
  /** Where resources/tray sits: the repo's resources/ in development, the app's resources when packaged. */
  resourcesDir: string
  /** This launch's command line, where Windows and Linux put a hallway:// link that started the app. */
  launchArgv?: readonly string[]
  /** process.platform unless a test plays another OS (login items, notification ids). */
  platform?: string
  /** electron-updater's updater for this platform; without one (tests, unpackaged runs) nothing updates. */
  updater?: () => AppUpdater
  log(message: string): void
}

const OFFICE_PAGE = '/office/index.html'
/** build/electron-builder.yml's appId: the installer gives the Start menu shortcut this id. */
export const APP_USER_MODEL_ID = 'app.hallway.desktop'

/** Where the core keeps its files, and the member token and server a sign-in stored. */
export function coreDataDir(app: Pick<ElectronApi['app'], 'getPath'>): string {
  return join(app.getPath('userData'), 'core')
}

/**
 * Wires main: hardening first, then the core, then the office window. Main keeps no app state:
 * the core owns the team, and main only hands out ports to it.
 */
export function startMainProcess(electron: ElectronApi, options: MainProcessOptions): void {
  const { app } = electron
  const platform = options.platform ?? process.platform
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  // Windows shows (and keeps) notifications only for an app id its Start menu shortcut carries.
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)
  registerAppScheme(electron.protocol)
  guardAllWebContents(electron, options.log)

  const devOrigin = !app.isPackaged && options.devRendererUrl ? new URL(options.devRendererUrl).origin : undefined
  const officeUrl = (devOrigin ?? APP_ORIGIN) + OFFICE_PAGE
  const trustedOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN]
  const preloadPath = join(options.buildDir, '../preload/index.cjs')
  let core: CoreSupervisor | null = null
  let updates: UpdateService | null = null
  const mediaHost = startMediaHost(electron, {
    preloadPath,
    url: (devOrigin ?? APP_ORIGIN) + MEDIA_HOST_PAGE,
    leaveRoom: () => core?.send({ type: 'command', command: { type: 'leaveRoom' } }),
    log: options.log,
  })
  let window: BrowserWindowLike | null = null

  const showWindow = () => {
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
      return
    }
    window = openOfficeWindow(electron, {
      preloadPath,
      url: options.config.ok ? officeUrl : (pendingSetupPage ?? setupPageUrl(options.config.problem)),
      log: options.log,
    })
    window.on('closed', () => {
      window = null
      // Unconfigured there is no core and no tray: nothing would be left to reopen or quit from.
      if (!options.config.ok) app.quit()
    })
    if (!options.config.ok) {
      window.webContents.on('will-navigate', (event) => {
        const name = submittedName(event.url)
        if (name !== null) void signIn(name)
      })
    }
  }

  let pendingSetupPage: string | null = null
  const showSetupPage = (page: string) => {
    if (window) void window.loadURL(page)
    else pendingSetupPage = page
    showWindow()
  }

  let invite: Invite | null = null
  let signingIn = false
  const signIn = async (name: string) => {
    if (!invite || signingIn) return
    signingIn = true
    const problem = await signInByInvite(invite, name, coreDataDir(app))
    signingIn = false
    if (problem) return showSetupPage(invitePageUrl({ serverUrl: invite.serverUrl, problem }))
    options.log('main: signed in by invitation; starting Hallway again to open the office')
    app.relaunch()
    app.quit()
  }

  const deliverLink = (link: DeepLink) => {
    if (link.kind === 'join') {
      if (options.config.ok) return options.log('main: ignored an invite link: Hallway is already signed in to a team')
      invite = link
      return showSetupPage(invitePageUrl({ serverUrl: link.serverUrl }))
    }
    if (!options.config.ok) return options.log('main: ignored a room link: Hallway is not signed in')
    if (link.teamId !== readTokenClaims(options.config.token).team) return options.log('main: ignored a room link for another team')
    showWindow()
    if (!core) return options.log('main: dropped a room link: the core is not running')
    core.send({ type: 'command', command: { type: 'enterRoom', roomId: link.roomId } })
  }
  // Links can arrive before ready (macOS open-url at launch); the core starts on ready, first.
  const deepLinks = receiveDeepLinks(electron, { deliver: (link) => void app.whenReady().then(() => deliverLink(link)), log: options.log })

  const showWhenReady = () => void app.whenReady().then(showWindow)
  app.on('second-instance', (_event, argv) => {
    showWhenReady()
    deepLinks.fromArgv(argv)
  })
  app.on('activate', showWhenReady)
  // The core keeps you present with no window open; quitting (menu, or the tray) ends it.
  app.on('window-all-closed', () => {})

  void app.whenReady().then(() => {
    const session = electron.session.defaultSession
    grantMediaOnlyTo(session, mediaHost.owns)
    answerScreenShare(electron, session, { isMediaHost: mediaHost.owns, log: options.log })
    const avatarPhotos = options.config.ok ? avatarPhotoRelay(electron, { serverUrl: options.config.serverUrl, log: options.log }) : undefined
    serveAppProtocol(session, join(options.buildDir, '../renderer'), avatarPhotos)
    answerStartAtLogin(electron, { platform, trustedOrigins, log: options.log })
    if (options.updater) {
      const service = startUpdates(electron, { updater: options.updater(), userData: app.getPath('userData'), env: options.env, trustedOrigins, log: options.log })
      updates = service
      app.on('will-quit', () => service.close())
    }
    if (options.config.ok) {
      const launchEnv: CoreLaunchEnv = {
        HALLWAY_SERVER: options.config.serverUrl,
        HALLWAY_TOKEN: options.config.token,
        HALLWAY_DATA: coreDataDir(app),
      }
      const { serverUrl, token: givenToken } = options.config
      // The core refreshes the member token in place; the freshest one it saved is the one to use.
      const memberToken = () => startupToken(launchEnv.HALLWAY_DATA, givenToken)
      answerMediaConfig(electron, {
        mediaHost,
        trustedOrigins,
        config: () => {
          const token = memberToken()
          return { serverUrl, token, teamId: readTokenClaims(token).team }
        },
        log: options.log,
      })
      answerAvatarUploads(electron, { serverUrl, memberToken, trustedOrigins, log: options.log })
      answerOfficeOwner(electron, {
        trustedOrigins,
        owner: () => {
          const claims = readTokenClaims(memberToken())
          return { serverUrl, teamId: claims.team, userId: claims.sub }
        },
        log: options.log,
      })
      const supervisor = superviseCore(electron, {
        modulePath: join(options.buildDir, 'core.js'),
        env: { ...options.env, ...launchEnv },
        serviceName: 'Hallway core',
        onRestart: () => broker.reconnectAll(),
        onMessage: (message) => {
          const parsed = coreToMainSchema.safeParse(message)
          if (!parsed.success) return options.log('main: ignored a message from the core that is not a tray summary or ready-to-quit')
          if (parsed.data.type === 'ready-to-quit') return quitOrder.coreReady()
          tray.update(parsed.data.summary)
          // Quitting closed the call window; a summary from before the leave must not reopen it.
          if (!quitOrder.quitting()) mediaHost.update(parsed.data.summary)
          updates?.setInCall(parsed.data.summary.me.room !== null && parsed.data.summary.me.callElsewhere === null)
        },
        log: options.log,
      })
      const tray = startTray(electron, {
        // macOS tints a *Template image to the menu bar's appearance and picks its @2x itself.
        iconPath: join(options.resourcesDir, 'tray', process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
        actions: {
          run: (command) => supervisor.send({ type: 'command', command }),
          openOffice: showWindow,
          quit: () => app.quit(),
        },
        muteShortcut: readMuteShortcut(app.getPath('userData'), options.log),
        log: options.log,
      })
      answerMuteShortcut(electron, tray.muteShortcut, { trustedOrigins, save: (accelerator) => saveMuteShortcut(app.getPath('userData'), accelerator), log: options.log })
      answerNotificationChoices(electron, { trustedOrigins, log: options.log, onChoices: (choices) => tray.setNotificationChoices(choices) })
      const broker = brokerCorePorts(electron, {
        trustedOrigins,
        core: () => supervisor.current(),
        log: options.log,
      })
      core = supervisor
      // Before the idle reports: on unlock the core hears 'back' first, then the idle time.
      const sleepAndLock = followSleepAndLock(electron, supervisor)
      const stopIdleReports = reportIdleToCore(electron, () => supervisor.current(), sleepAndLock.away)
      const quitOrder = leaveBeforeQuit(electron, {
        core: supervisor,
        close: () => {
          stopIdleReports()
          tray.close()
          mediaHost.close()
          supervisor.close()
        },
        log: options.log,
      })
      app.on('before-quit', () => mediaHost.close())
    }
    showWindow()
    deepLinks.fromArgv(options.launchArgv ?? [])
  })
}
