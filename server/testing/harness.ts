/** Helpers for server tests: temp data dirs, a polling waitFor, raw sockets. Not shipped code. */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import WebSocket, { type ClientOptions } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { PresenceCore } from '../../shared/core/engine'
import type { SocketConstructor } from '../../shared/core/jittered-socket'
import type { Role } from '../../shared/model/schema'
import { MemoryStorage, type StoragePort } from '../../shared/core/storage-port'
import { createTeam } from '../admin/teams'
import { loadOrCreateSecret } from '../auth/secret'
import { mintToken } from '../auth/tokens'
import { silentLogger } from '../observe/log'
import { startServer, type RunningServer, type StartOptions } from '../start'
import { SqliteStore } from '../store/sqlite-store'
import { withExitListenerAllowance } from './exit-listeners'
import { socketActivated, type HeldSocket } from './held-socket'

const dirs: string[] = []

export function tempDir(prefix = 'hallway-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** Polls until `check` returns a truthy value (or stops throwing); fails with `what` on timeout. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown = null
  for (;;) {
    try {
      const value = await check()
      if (value) return value as NonNullable<T>
      lastError = null
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export async function createTestTeam(dataDir: string, name = 'Test Team'): Promise<string> {
  const store = SqliteStore.open(dataDir, { watchIntervalMs: 0 })
  try {
    return (await createTeam(store, name)).id
  } finally {
    await store.close()
  }
}

export function tokenFor(dataDir: string, teamId: string, userId: string, role: Role = 'member', ttlSeconds = 3600): Promise<string> {
  return mintToken(loadOrCreateSecret(dataDir), { userId, teamId, name: `User ${userId}`, role, ttlSeconds })
}

export function startTestServer(dataDir: string, options: Partial<StartOptions> = {}): Promise<RunningServer> {
  return startServer({ dataDir, port: 0, logger: silentLogger, watchIntervalMs: 50, drainWindowMs: 100, ...options })
}

export interface RawClient {
  ws: WebSocket
  /** Every binary frame received so far. */
  frames: Uint8Array[]
  opened: Promise<void>
  closed: Promise<{ code: number; reason: string }>
}

/**
 * A bare `ws` client: for close codes and hand-made frames (`autoPong: false` makes one that never
 * answers pings); `params` go on its URL beside the token.
 */
export function rawClient(serverUrl: string, docName: string, token?: string, options: ClientOptions = {}, params: Record<string, string> = {}): RawClient {
  const search = new URLSearchParams(token === undefined ? params : { token, ...params }).toString()
  const query = search === '' ? '' : `?${search}`
  const ws = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/sync/${docName}${query}`, options)
  const frames: Uint8Array[] = []
  ws.on('message', (data) => frames.push(new Uint8Array(data as Buffer)))
  ws.on('error', () => {})
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()))
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  return { ws, frames, opened, closed }
}

export async function fetchText(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url)
  return { status: response.status, body: await response.text() }
}

/** A JSON request with an optional bearer token; the answer's status and parsed body. */
export async function requestJson(
  url: string,
  options: { method?: 'GET' | 'POST'; token?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {}
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  const response = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await response.text()
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }
}

/** One sample of a Prometheus metric from GET /metrics (`name{labels}` exactly as rendered); NaN if absent. */
export async function readMetric(serverUrl: string, series: string): Promise<number> {
  const { body } = await fetchText(`${serverUrl}/metrics`)
  return metricIn(body, series)
}

/** One sample from a /metrics body already fetched (several series from one moment); NaN if absent. */
export function metricIn(body: string, series: string): number {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `))
  return line ? Number(line.slice(series.length + 1)) : NaN
}

/** A real presence core over a real socket, with fast reconnects for tests (to the fallbacks once the server is gone). */
export function openCore(
  serverUrl: string,
  token: string,
  storage: StoragePort = new MemoryStorage(),
  device: 'desktop' | 'web' | 'bot' = 'bot',
  fallbackServerUrls: string[] = [],
): Promise<PresenceCore> {
  return PresenceCore.open({
    serverUrl,
    fallbackServerUrls,
    token,
    storage,
    WebSocket: WebSocket as unknown as SocketConstructor,
    device,
    backoff: { baseMs: 20, capMs: 200, drainAttempt: 1 },
  })
}

/** A token whose signature nothing checks: for cores that never reach a server. */
export function unsignedToken(team: string, sub: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode({ alg: 'HS256' })}.${encode({ sub, team, role: 'member', name: sub, exp: 4_000_000_000 })}.unsigned`
}

/** A loopback URL nothing listens on, so connecting is refused by the kernel at once. */
export async function refusedUrl(): Promise<string> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}

export interface ServerProcess {
  child: ChildProcess
  output: { stdout: string; stderr: string }
  exited: Promise<number | null>
  /** Resolves with http://host:port once it prints its listening line. */
  listening: Promise<string>
}

const mainPath = fileURLToPath(new URL('../main.ts', import.meta.url))

/**
 * `npm run server -- ARGS` as a child process, run by node itself (not through npx) so its pid is
 * the server's: signals and memory readings reach the server, not a wrapper.
 */
export function spawnServer(args: string[], env: Record<string, string> = {}, options: { heldSocket?: HeldSocket; entry?: string } = {}): ServerProcess {
  const nodeArgs = ['--import', 'tsx', options.entry ?? mainPath, ...args]
  const { command, args: commandArgs } = options.heldSocket ? socketActivated(nodeArgs) : { command: process.execPath, args: nodeArgs }
  const stdio: Array<'ignore' | 'pipe' | number> = ['ignore', 'pipe', 'pipe', ...(options.heldSocket ? [options.heldSocket.fd] : [])]
  const child = spawn(command, commandArgs, { stdio, env: { ...process.env, ...env } })
  const output = { stdout: '', stderr: '' }
  child.stdout!.on('data', (chunk) => (output.stdout += chunk))
  child.stderr!.on('data', (chunk) => (output.stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const listening = waitFor('the server\'s listening line', () => {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${output.stderr}`)
    return /listening on (\S+)\n/.exec(output.stdout)?.[1]
  }, 60_000)
  listening.catch(() => {})
  return { child, output, exited, listening }
}

/** A stock y-websocket client (docs/contract.md: a valid client) on its own Y.Doc. */
export function openProvider(
  serverUrl: string,
  docName: string,
  token: string,
  options: { WebSocket?: SocketConstructor; connect?: boolean; doc?: Y.Doc; params?: Record<string, string> } = {},
): WebsocketProvider {
  const doc = options.doc ?? new Y.Doc()
  return withExitListenerAllowance(
    () =>
      new WebsocketProvider(`${serverUrl.replace(/^http/, 'ws')}/sync`, docName, doc, {
        params: { ...options.params, token },
        WebSocketPolyfill: (options.WebSocket ?? WebSocket) as unknown as typeof globalThis.WebSocket,
        connect: options.connect ?? true,
        disableBc: true,
        maxBackoffTime: 500,
      }),
  )
}
