// The preload imports this file: it stays free of zod (which would bundle into every page); the
// answers' schemas are in electron-bridge-answers.ts.

/**
 * The Electron preload hands each renderer its core MessagePort with
 * `window.postMessage(CORE_PORT_MESSAGE, '*', [port])`; the renderer takes `event.ports[0]`.
 */
export const CORE_PORT_MESSAGE = 'hallway:core-port'

/** What the preload exposes as `window.hallway` (contextBridge). */
export interface HallwayBridge {
  readonly platform: string
  /** Asks main for a fresh core port; it arrives as a CORE_PORT_MESSAGE window message. */
  requestCorePort(): void
  /** The media host's call configuration (validate with mediaConfigSchema); other pages are refused. */
  mediaConfig(): Promise<unknown>
  /** The opt-in "start Hallway when I log in" setting (answers: validate with startAtLoginSchema). */
  readonly startAtLogin: {
    get(): Promise<unknown>
    set(on: boolean): Promise<unknown>
  }
  /** The global mute shortcut (answers: read with readMuteShortcutState; a refused set rejects with the reason). */
  readonly muteShortcut: {
    get(): Promise<unknown>
    set(accelerator: string): Promise<unknown>
  }
  /** The desktop updater, for the office (main ignores other pages). */
  readonly updates: {
    /** Calls `listener` with each update status main sends (validate with updateStatusSchema). */
    watch(listener: (status: unknown) => void): void
    restartNow(): void
    setChannel(channel: string): void
  }
  /** Tells main this device's notification switches (Settings), which the desktop's notifications obey. */
  setNotificationChoices(choices: { knocks: boolean; invitations: boolean }): void
  /** Whose office this app shows (server, team, member), to find its saved view (validate with officeOwnerSchema). */
  officeOwner(): Promise<unknown>
  /** Main posts the office's prepared WebP with the member token (validate the answer with avatarUploadAnswerSchema). */
  uploadAvatarPhoto(webp: Uint8Array): Promise<unknown>
}
