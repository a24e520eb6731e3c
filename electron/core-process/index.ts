// The core's utilityProcess entry: the only file here that touches process.parentPort.
/// <reference types="electron" />
import WebSocketPackage from 'ws'
import { PresenceCore } from '../../shared/core/engine'
import type { SocketConstructor } from '../../shared/core/jittered-socket'
import { serveViewPort } from '../../shared/core/view-port'
import { hostCore, type ParentPortLike } from './core-host'
import { FileStorage } from './file-store'
import { saveToken, startupToken } from '../common/token-file'
import { publishTraySummaries } from './tray-publisher'
import { coreLaunchEnvSchema } from '../../shared/contract/main-to-core'

const env = coreLaunchEnvSchema.parse(process.env)
// Electron's Node has a global WebSocket; `ws` covers runtimes without one.
const WebSocketClass = (globalThis.WebSocket ?? WebSocketPackage) as unknown as SocketConstructor

const core = PresenceCore.open({
  serverUrl: env.HALLWAY_SERVER,
  token: startupToken(env.HALLWAY_DATA, env.HALLWAY_TOKEN),
  onTokenRefreshed: (token) => saveToken(env.HALLWAY_DATA, token),
  storage: new FileStorage(env.HALLWAY_DATA),
  WebSocket: WebSocketClass,
  device: 'desktop',
})
void core.then((opened) => publishTraySummaries((listener) => opened.subscribe(listener), (message) => process.parentPort.postMessage(message)))
core.catch((error: unknown) => {
  console.error('core: could not open', error)
  process.exit(1)
})

hostCore({
  parentPort: process.parentPort satisfies ParentPortLike,
  core,
  serve: serveViewPort,
  reportIdle: (opened, idleMs) => void opened.execute({ type: 'reportIdle', idleMs }),
  execute: (opened, command) => void opened.execute(command),
  setAway: (opened, away) => void (away ? opened.stepAway() : opened.comeBack()),
  leaveForQuit: (opened) => opened.leaveForQuit(),
  log: (message) => console.error(message),
})
