import type { SessionLike } from './electron-api'

/** Camera and microphone (Electron asks for both as 'media'), and screen capture (screen-share.ts picks the screen). */
const MEDIA_PERMISSIONS = new Set(['media', 'display-capture'])

/** Media only for the media host while it exists (docs/architecture.md, "Electron hardening"); nothing else for anyone. */
export function grantMediaOnlyTo(session: SessionLike, isMediaHost: (webContents: unknown) => boolean): void {
  const allowed = (webContents: unknown, permission: string) => MEDIA_PERMISSIONS.has(permission) && isMediaHost(webContents)
  session.setPermissionRequestHandler((webContents, permission, callback) => callback(allowed(webContents, permission)))
  session.setPermissionCheckHandler((webContents, permission) => allowed(webContents, permission))
}
