// Electron's session and protocol: app:// handlers, privileged schemes, permission and display-media handlers.
import type { DisplayMediaRequestLike, DisplayMediaStreamsLike, ElectronApi, SessionLike, WebFrameLike } from '../../main/electron-api'
import type { ReadyGate } from './ready-gate'

type PermissionProbe = ((permission: string, contents?: unknown) => boolean) | null

export function fakeSession(gate: ReadyGate) {
  const protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>()
  const privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[] = []
  const permissions: { request: PermissionProbe; check: PermissionProbe } = { request: null, check: null }
  let displayMediaHandler: ((request: DisplayMediaRequestLike, callback: (streams: DisplayMediaStreamsLike) => void) => void) | null = null

  const session: SessionLike = {
    protocol: { handle: (scheme, handler) => void protocolHandlers.set(scheme, handler) },
    setPermissionRequestHandler(handler) {
      permissions.request = (permission, contents = null) => {
        let granted = true
        handler(contents, permission, (answer) => (granted = answer))
        return granted
      }
    },
    setPermissionCheckHandler(handler) {
      permissions.check = (permission, contents = null) => handler(contents, permission)
    },
    setDisplayMediaRequestHandler(handler) {
      displayMediaHandler = handler
    },
  }

  const api: Pick<ElectronApi, 'session' | 'protocol'> = {
    protocol: {
      registerSchemesAsPrivileged: (schemes) => {
        if (gate.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
        privilegedSchemes.push(...schemes)
      },
    },
    session: {
      get defaultSession() {
        if (!gate.ready) throw new Error('Session can only be received when app is ready')
        return session
      },
    },
  }

  return {
    api,
    controls: {
      protocolHandlers,
      privilegedSchemes,
      permissions,
      /** Plays a page calling getDisplayMedia from `frame`: resolves with what main granted (null: refused). */
      requestDisplayMedia: (frame: WebFrameLike | null, request: Partial<DisplayMediaRequestLike> = {}) =>
        new Promise<DisplayMediaStreamsLike>((resolve) => {
          if (!displayMediaHandler) throw new Error('main set no display media handler')
          displayMediaHandler({ frame, videoRequested: true, audioRequested: false, ...request }, resolve)
        }),
    },
  }
}
