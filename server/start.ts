import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadOrCreateSecret } from './auth/secret'
import { verifyToken } from './auth/tokens'
import type { LiveKitConfig } from './config'
import { DEFAULT_HOST, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_PORT, DEFAULT_UNLOAD_AFTER_MS } from './config'
import { Metrics } from './http/metrics'
import { findOfficeRoom } from './http/office-rooms'
import { createRequestHandler } from './http/routes'
import { LIVEKIT_TOKEN_PATH, createLivekitTokenHandler } from './livekit/token-handler'
import { createLogger, type Logger } from './log'
import { openScaleOut } from './scale-out/backend'
import type { ScaleOutConfig } from './scale-out/config'
import type { HallwayStore } from './store/doc-store'
import { SqliteStore } from './store/sqlite-store'
import { DocRegistry } from './sync/doc-registry'
import { SyncServer, type DrainOptions } from './sync/sync-server'

export interface StartOptions {
  /** Directory holding hallway.db and secret.key (created if missing). */
  dataDir: string
  /** 0 picks a free port. Default 8787. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Messages over this many bytes close the connection with 4413. Default 256 KiB. */
  maxMessageBytes?: number
  /** An idle document leaves memory this long after its last connection. Default 30 s. */
  unloadAfterMs?: number
  /** Keepalive ping interval; a connection that misses one whole interval is cut. Default 30 s. */
  pingIntervalMs?: number
  /** Queued outgoing bytes after which a connection is cut as a slow consumer. Default 8 MiB. */
  maxBufferedBytes?: number
  /** Store: fold a document's log into a snapshot past this many updates. Default 500. */
  compactAfter?: number
  /** Store: how often to look for writes by the CLI. Default 1 s. */
  watchIntervalMs?: number
  drain?: Partial<DrainOptions>
  /** Defaults to SQLite in dataDir; the server closes whichever store it runs on. */
  store?: HallwayStore
  /** Scale-out: documents, teams and the token secret in Postgres, fan-out through Redis. */
  scaleOut?: ScaleOutConfig | null
  livekit?: LiveKitConfig | null
  logger?: Logger
}

export interface RunningServer {
  /** http://host:port */
  url: string
  port: number
  host: string
  readonly draining: boolean
  /** Graceful stop: readiness off, sockets closed with 1012, writes flushed, store closed. */
  close(): Promise<void>
}

/** Runs the sync server in this process (used by `npm run server`, tests and scripts/start.ts). */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const log = options.logger ?? createLogger()
  const host = options.host ?? DEFAULT_HOST
  const scaleOut = options.scaleOut ? await openScaleOut(options.scaleOut, { log, compactAfter: options.compactAfter }) : null
  const secret = scaleOut?.secret ?? loadOrCreateSecret(options.dataDir)
  const store: HallwayStore =
    scaleOut?.store ?? options.store ?? SqliteStore.open(options.dataDir, { compactAfter: options.compactAfter, watchIntervalMs: options.watchIntervalMs })
  const metrics = new Metrics()
  const registry = new DocRegistry({
    store: scaleOut ? scaleOut.fanout.publishingStore(store) : store,
    fanout: scaleOut?.fanout,
    log,
    metrics,
    unloadAfterMs: options.unloadAfterMs ?? DEFAULT_UNLOAD_AFTER_MS,
  })
  const sync = new SyncServer({
    secret,
    teams: store,
    registry,
    metrics,
    log,
    maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    maxBufferedBytes: options.maxBufferedBytes ?? 8 * 1024 * 1024,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
  })
  const livekitToken = createLivekitTokenHandler({
    verifyToken: (token) => verifyToken(secret, token),
    findRoom: (teamId, roomId) => findOfficeRoom(store, registry, teamId, roomId),
    livekit: options.livekit ?? null,
    onError: (error) => log.error('LiveKit token request failed', { error }),
  })
  const http = createServer(
    createRequestHandler({
      metrics,
      api: new Map([[LIVEKIT_TOKEN_PATH, livekitToken]]),
      isDraining: () => sync.draining,
      gauges: () => ({ connections: sync.connections.size, docsLoaded: registry.loadedCount }),
    }),
  )
  http.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head))
  http.on('clientError', (_error, socket) => socket.destroy())

  try {
    await listen(http, options.port ?? DEFAULT_PORT, host)
  } catch (error) {
    await registry.closeAll()
    await scaleOut?.fanout.close()
    await store.close()
    throw error
  }
  const port = (http.address() as AddressInfo).port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  log.info('server listening', { url, livekit: options.livekit ? options.livekit.url : null })

  let closing: Promise<void> | null = null
  return {
    url,
    port,
    host,
    get draining() {
      return sync.draining
    },
    close() {
      closing ??= (async () => {
        log.info('draining')
        await sync.drain({ batchSize: 200, batchIntervalMs: 50, timeoutMs: 2000, ...options.drain })
        await registry.closeAll()
        await scaleOut?.fanout.close()
        await store.close()
        await new Promise<void>((resolve) => {
          http.close(() => resolve())
          http.closeAllConnections()
        })
        log.info('stopped')
      })()
      return closing
    },
  }
}

function listen(http: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      http.off('listening', onListening)
      const hint =
        error.code === 'EADDRINUSE'
          ? `Port ${port} on ${host} is already in use. Stop the other server or pick another --port.`
          : error.code === 'EADDRNOTAVAIL'
            ? `${host} is not an address of this machine. Use --host 127.0.0.1 or 0.0.0.0.`
            : error.message
      reject(Object.assign(new Error(hint, { cause: error }), { code: error.code }))
    }
    const onListening = () => {
      http.off('error', onError)
      resolve()
    }
    http.once('error', onError)
    http.once('listening', onListening)
    http.listen(port, host)
  })
}
