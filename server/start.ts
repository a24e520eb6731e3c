import { createServer } from 'node:http'
import { handOver } from './handoff/hand-over'
import type { HandOverDone } from './handoff/handoff-messages'
import type { ParentLink } from './handoff/parent-link'
import type { SendToSuccessor } from './handoff/successor'
import { takeOverThenListen } from './handoff/take-over'
import { createAuthenticator } from './auth/authenticator'
import { watchRevocations } from './auth/revocation-watch'
import { loadOrCreateSecret } from './auth/secret'
import type { LiveKitConfig } from './config'
import { DEFAULT_HOST, DEFAULT_PORT } from './config'
import { listen } from './listen'
import { AVATAR_PHOTOS_PATH } from '../shared/contract/avatar-api'
import { AVATAR_PHOTO_PREFIX, createAvatarPhotoRoute, createAvatarUploadRoute } from './http/avatar-routes'
import { AUTH_REFRESH_PATH, INVITE_ACCEPT_PATH, createInviteAcceptRoute, createRefreshRoute } from './http/auth-routes'
import { Metrics } from './observe/metrics'
import { findOfficeRoom } from './livekit/office-rooms'
import { UNFURL_PATH, createUnfurlRoute } from './http/unfurl-route'
import { createRequestHandler } from './http/routes'
import { LIVEKIT_TOKEN_PATH, createLivekitTokenHandler } from './livekit/token-handler'
import { IdleGc, processProbe, scheduleIdleGc } from './observe/idle-gc'
import { createLogger, type Logger } from './observe/log'
import { openScaleOut } from './fanout/scale-out-backend'
import type { ScaleOutConfig } from './fanout/scale-out-config'
import type { AccessStore } from './store/access-store'
import type { BlobStore } from './store/blob-store'
import type { HallwayStore } from './store/doc-store'
import { SqliteAccessStore } from './store/sqlite-access-store'
import { SqliteBlobStore } from './store/sqlite-blob-store'
import { SqliteConnection } from './store/sqlite-connection'
import { SqliteStore } from './store/sqlite-store'
import { timedDocStore } from './store/timed-store'
import { DocRegistry } from './sync/doc-registry'
import { ReadMarkerDesk } from './sync/read-markers'
import { SyncServer } from './sync/sync-server'
import { tuningWithDefaults, type ServerTuning } from './tuning'
import { UnfurlService, type UnfurlOptions } from './unfurl/unfurl-service'

export interface StartOptions extends Partial<ServerTuning> {
  /** Directory holding hallway.db and secret.key (created if missing). */
  dataDir: string
  /** 0 picks a free port. Default 8787. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /**
   * A listening socket a supervisor holds across restarts (socket-activation.ts), used instead of
   * port and host. Draining then stops accepting at once: a member back early waits in the
   * kernel's queue for the successor rather than being refused.
   */
  listenFd?: number
  /** Keepalive sweep interval: a connection silent since the last sweep is pinged, and cut if it stays silent until the next. Default 30 s. */
  pingIntervalMs?: number
  /** Store: fold a document's log into a snapshot past this many updates. Default 500. */
  compactAfter?: number
  /** Store: how often to look for writes by the CLI. Default 1 s. */
  watchIntervalMs?: number
  /** Store: how long raised read markers wait to be committed together. Default 0.5 s. */
  readMarkerWindowMs?: number
  /**
   * After the drain window, how long members have to answer their 1012 (to end their side of the
   * socket) before the sockets still open are cut. Default 0.5 s.
   */
  drainGraceMs?: number
  /** Defaults to SQLite in dataDir; the server closes whichever store it runs on. */
  store?: HallwayStore
  /** Scale-out: documents, teams and the token secret in Postgres, fan-out through Redis. */
  scaleOut?: ScaleOutConfig | null
  /** Revocations and invites; defaults to SQLite in dataDir. The server closes it. */
  access?: AccessStore
  /** Avatar photos; defaults to SQLite in dataDir (Postgres under scale-out). The server closes it. */
  blobs?: BlobStore
  /** How often to look for new revocations (to close open connections). Default 1 s. */
  revocationCheckMs?: number
  livekit?: LiveKitConfig | null
  /** Link previews: timeouts, caps, cache; and the tests-only loopback switch. */
  unfurl?: Partial<UnfurlOptions>
  logger?: Logger
  /**
   * A full V8 collection (`globalThis.gc` under `--expose-gc`): when given, the server runs it once it has started, and
   * when the loop has time to spare and the heap grew (observe/idle-gc.ts). `npm run server` passes it; tests need not.
   */
  idleFullGc?: () => void
  /**
   * Run as a worker under `--hand-over` (handoff/keeper.ts): the listening socket comes from the
   * process that started this one, after whatever members a hand-over brings, taken over, not admitted.
   */
  parent?: ParentLink
}

export interface RunningServer {
  /** http://host:port */
  url: string
  port: number
  host: string
  readonly draining: boolean
  /**
   * Graceful stop: readiness off, sockets closed with 1012 (each followed by a clean end), writes
   * flushed, store closed. `restartMs`: how long a successor takes to listen once this process has
   * exited (a process's own start-up; default 0). Every 1012 names the rest of this drain plus that,
   * so members do not retry before the successor can answer.
   */
  close(options?: { restartMs?: number }): Promise<void>
  /** A worker only (`--hand-over`): every member's socket to the successor (hand-over.ts); the process exits after. */
  handOver(send: SendToSuccessor): Promise<HandOverDone>
}

/** Runs the sync server in this process (used by `npm run server`, tests and scripts/start.ts). */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const log = options.logger ?? createLogger()
  const host = options.host ?? DEFAULT_HOST
  const tuning = tuningWithDefaults(options)
  const metrics = new Metrics()
  const scaleOut = options.scaleOut
    ? await openScaleOut(options.scaleOut, { log, metrics, compactAfter: options.compactAfter, maxAwarenessEntryBytes: tuning.maxMessageBytes })
    : null
  const secret = scaleOut?.secret ?? loadOrCreateSecret(options.dataDir)
  // One SQLite connection for every store that lives in dataDir, opened only if one does; each
  // store's close gives it back, and the last closes it.
  let sqlite: SqliteConnection | null = null
  const sqliteConnection = () => (sqlite ??= SqliteConnection.open(options.dataDir))
  // Opened first: when the document store is not on this connection, creating these tables is a
  // commit it would otherwise take for a CLI write.
  const access = options.access ?? scaleOut?.access ?? SqliteAccessStore.on(sqliteConnection())
  const blobs = options.blobs ?? scaleOut?.blobs ?? SqliteBlobStore.on(sqliteConnection())
  const store: HallwayStore =
    scaleOut?.store ??
    options.store ??
    SqliteStore.on(sqliteConnection(), {
      compactAfter: options.compactAfter,
      watchIntervalMs: options.watchIntervalMs,
      readMarkerWindowMs: options.readMarkerWindowMs,
      onReadMarkerFlushError: (error) => log.error('read markers not stored (retried with the next window)', { error }),
    })
  const verify = createAuthenticator(secret, access)
  const roomStore = timedDocStore(store, metrics.store)
  const registry = new DocRegistry({
    store: scaleOut ? scaleOut.fanout.publishingStore(roomStore) : roomStore,
    fanout: scaleOut?.fanout,
    seqs: store,
    log,
    metrics,
    unloadAfterMs: tuning.unloadAfterMs,
    maxDocBytes: tuning.maxDocBytes,
    maxAwarenessIdsPerPeer: MAX_AWARENESS_IDS_PER_CONNECTION,
  })
  const sync = new SyncServer({
    verify,
    teams: store,
    registry,
    readMarkers: new ReadMarkerDesk({ store, metrics, log }),
    metrics,
    log,
    limits: {
      maxMessageBytes: tuning.maxMessageBytes,
      maxCatchUpBytes: tuning.maxDocBytes,
      maxBufferedBytes: tuning.maxBufferedBytes,
      maxConnectionsPerUser: tuning.maxConnectionsPerUser,
      rate: { messagesPerSecond: tuning.maxMessagesPerSecond, bytesPerSecond: tuning.maxBytesPerSecond },
    },
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
  })
  const stopRevocationWatch = watchRevocations(access, {
    intervalMs: options.revocationCheckMs ?? 1000,
    log,
    onRevoked: (revocations) => sync.closeRevoked(revocations),
  })
  const onApiError = (error: unknown) => log.error('API request failed', { error })
  const tokenDeps = { access, teams: store, secret, tokenTtlSeconds: tuning.tokenTtlSeconds, onError: onApiError }
  const unfurl = new UnfurlService(options.unfurl)
  const livekitToken = createLivekitTokenHandler({
    verifyToken: verify,
    findRoom: (teamId, roomId) => findOfficeRoom(store, registry, teamId, roomId),
    livekit: options.livekit ?? null,
    onError: (error) => log.error('LiveKit token request failed', { error }),
    bodyTimeoutMs: tuning.requestTimeoutMs,
  })
  const http = createServer(
    {
      // Node's defaults hold a request whose headers or body never arrive for minutes; the routes
      // time out their own body reads first (408), this cuts anything else.
      headersTimeout: tuning.requestTimeoutMs,
      requestTimeout: tuning.requestTimeoutMs * 2,
      connectionsCheckingInterval: Math.min(1000, tuning.requestTimeoutMs / 2),
    },
    createRequestHandler({
      metrics,
      api: new Map([
        [LIVEKIT_TOKEN_PATH, livekitToken],
        [AUTH_REFRESH_PATH, createRefreshRoute({ ...tokenDeps, verify })],
        [INVITE_ACCEPT_PATH, createInviteAcceptRoute({ ...tokenDeps, bodyTimeoutMs: tuning.requestTimeoutMs })],
        [UNFURL_PATH, createUnfurlRoute({ service: unfurl, verify, onError: onApiError })],
        [AVATAR_PHOTOS_PATH, createAvatarUploadRoute({ blobs, verify, bodyTimeoutMs: tuning.requestTimeoutMs, onError: onApiError })],
        [AVATAR_PHOTO_PREFIX, createAvatarPhotoRoute({ blobs, onError: onApiError })],
      ]),
      isDraining: () => sync.draining,
      gauges: () => ({ connections: sync.connections.size, docsLoaded: registry.loadedCount, awarenessClocks: registry.awarenessClocks }),
    }),
  )
  http.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head))
  http.on('clientError', (_error, socket) => socket.destroy())

  const parent = options.parent
  const listenerHeld = options.listenFd !== undefined || parent !== undefined
  let address
  try {
    address = await listen(http, parent ? { handle: await takeOverThenListen(parent, { sync, registry, log }) } : listenerHeld ? { fd: options.listenFd! } : { port: options.port ?? DEFAULT_PORT, host })
  } catch (error) {
    stopRevocationWatch()
    unfurl.close()
    await registry.closeAll()
    await scaleOut?.fanout.close()
    await store.close()
    await access.close()
    await blobs.close()
    throw error
  }
  const stopIdleGc = options.idleFullGc ? runIdleGc(new IdleGc(processProbe(() => metrics.connectionsOpened), options.idleFullGc), metrics, log) : () => undefined
  const port = address.port
  const boundHost = listenerHeld ? address.address : host
  const url = `http://${boundHost.includes(':') ? `[${boundHost}]` : boundHost}:${port}`
  // upMs: node's start to here (modules, store), the part of a restart's down time the successor spends.
  log.info('server listening', { url, upMs: Math.round(process.uptime() * 1000), inheritedSocket: listenerHeld, livekit: options.livekit ? options.livekit.url : null })

  let closing: Promise<void> | null = null
  return {
    url,
    port,
    host: boundHost,
    get draining() {
      return sync.draining
    },
    handOver(send) {
      if (!parent) return Promise.reject(new Error('Only a worker under --hand-over hands its members over.'))
      log.info('handing over')
      stopIdleGc()
      unfurl.close()
      return handOver({
        sync,
        registry,
        log,
        send,
        listenHandle: (http as unknown as { _handle: object })._handle,
        stopAccepting: () => http.close(),
        closeStores: async () => {
          stopRevocationWatch()
          await scaleOut?.fanout.close()
          await store.close()
          await access.close()
          await blobs.close()
        },
      })
    },
    close({ restartMs = 0 } = {}) {
      closing ??= (async () => {
        log.info('draining')
        // The supervisor keeps the socket: from here the successor accepts what arrives.
        const stoppedAccepting = listenerHeld ? new Promise<void>((resolve) => http.close(() => resolve())) : null
        stopIdleGc()
        unfurl.close()
        const drainStarted = performance.now()
        const drained = await sync.drain({ windowMs: tuning.drainWindowMs, graceMs: options.drainGraceMs ?? DRAIN_GRACE_MS, restartMs })
        log.info('drained', { ...drained, ms: Math.round(performance.now() - drainStarted) })
        stopRevocationWatch()
        await registry.closeAll()
        await scaleOut?.fanout.close()
        await store.close()
        await access.close()
        await blobs.close()
        await new Promise<void>((resolve) => {
          if (stoppedAccepting) void stoppedAccepting.then(resolve)
          else http.close(() => resolve())
          http.closeAllConnections()
        })
        log.info('stopped', { ms: Math.round(performance.now() - drainStarted) })
      })()
      return closing
    },
  }
}

const DRAIN_GRACE_MS = 500


/**
 * Short, so the collection after a join or reconnect wave falls right after it, before the traffic
 * the members came for: checked every 2 s, it fell inside the floor bench's window (it starts 1.5 s
 * after its 1,000 joins) and its 40–90 ms pause set the spread shape's p99 (4.4× the floor's); every
 * 250 ms, none fell there (bench/capacity/README.md). The policy bounds how often it collects.
 */
const IDLE_GC_CHECK_MS = 250

/** Collects the start-up's garbage now, then whenever the server has time to spare; returns the stop. */
function runIdleGc(gc: IdleGc, metrics: Metrics, log: Logger): () => void {
  const counted = ({ freedBytes, pauseMs }: { freedBytes: number; pauseMs: number }) => {
    metrics.countIdleGc(pauseMs)
    log.debug('idle full GC', { freedMB: +(freedBytes / 1048576).toFixed(1), pauseMs: +pauseMs.toFixed(1) })
  }
  counted(gc.collectStartupGarbage())
  return scheduleIdleGc(gc, IDLE_GC_CHECK_MS, counted)
}

/** A connection publishes one awareness client id; a few more cover reconnects that reuse a socket. */
const MAX_AWARENESS_IDS_PER_CONNECTION = 4
