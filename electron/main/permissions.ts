import type { SessionLike } from './electron-api'

/** No page gets any permission yet; media is granted to the media host when calls arrive. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
