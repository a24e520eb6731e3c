/** Helpers for scale-out tests: a team and tokens in a test Postgres, nodes in-process or as processes. Not shipped code. */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Role } from '../../shared/model/schema'
import { createTeam } from '../admin/teams'
import { mintToken } from '../auth/tokens'
import { silentLogger } from '../observe/log'
import type { RunningServer, StartOptions } from '../start'
import { PostgresStore } from '../store/postgres-store'
import { startTestServer, tempDir, waitFor } from './harness'
import type { ScaleOutConfig } from '../fanout/scale-out-config'
import { startPostgres, startRedis, type TestPostgres, type TestRedis } from './services'

export interface TestServices {
  redis: TestRedis
  postgres: TestPostgres
  stop(): Promise<void>
}

export async function startServices(): Promise<TestServices> {
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()])
  return { redis, postgres, stop: async () => void (await Promise.all([redis.stop(), postgres.stop()])) }
}

export interface TestCluster {
  scaleOut: ScaleOutConfig
  teamId: string
  /** The token signing secret the nodes share (fan-out entry tags derive from it). */
  secret: Uint8Array
  token(userId: string, role?: Role): Promise<string>
  /** An in-process node of the cluster on a free port (its data dir stays empty: all of it is in Postgres). */
  startNode(options?: Partial<StartOptions>): Promise<RunningServer>
  /** A direct handle on the cluster's Postgres store, for assertions. */
  store: PostgresStore
  close(): Promise<void>
}

/** A fresh database with one team, and the settings for nodes that share it. */
export async function createCluster(services: TestServices, options: { heartbeatTtlMs?: number; presenceDeltas?: boolean; untaggedHeartbeatWindowMs?: number } = {}): Promise<TestCluster> {
  const postgresUrl = await services.postgres.createDatabase()
  const store = await PostgresStore.open(postgresUrl, { log: silentLogger })
  const team = await createTeam(store, 'Acme')
  const secret = await store.signingSecret()
  const scaleOut: ScaleOutConfig = { redisUrl: services.redis.url, postgresUrl, heartbeatTtlMs: options.heartbeatTtlMs ?? 1500, streamMaxLength: 1000, presenceDeltas: options.presenceDeltas ?? true, untaggedHeartbeatWindowMs: options.untaggedHeartbeatWindowMs ?? 0 }
  const nodes: RunningServer[] = []
  return {
    scaleOut,
    teamId: team.id,
    secret,
    store,
    token: (userId, role = 'member') => mintToken(secret, { userId, teamId: team.id, name: `User ${userId}`, role, ttlSeconds: 3600 }),
    async startNode(overrides = {}) {
      const node = await startTestServer(tempDir(), { scaleOut, ...overrides })
      nodes.push(node)
      return node
    },
    async close() {
      await Promise.all(nodes.map((node) => node.close()))
      await store.close()
    },
  }
}

export interface NodeProcess {
  url: string
  child: ChildProcess
  /** Kills the process and resolves once it has exited. */
  kill(signal: NodeJS.Signals): Promise<void>
}

const mainPath = fileURLToPath(new URL('../main.ts', import.meta.url))

/** `npm run server -- --redis … --postgres …` as its own process, for tests that SIGKILL a node. */
export async function startNodeProcess(scaleOut: ScaleOutConfig, extraArgs: readonly string[] = []): Promise<NodeProcess> {
  const args = ['--import', 'tsx', mainPath, '--port', '0', '--data', tempDir(), '--redis', scaleOut.redisUrl, '--postgres', scaleOut.postgresUrl, ...extraArgs]
  const env = { ...process.env, HALLWAY_NODE_TTL_MS: String(scaleOut.heartbeatTtlMs), HALLWAY_FANOUT_PRESENCE: scaleOut.presenceDeltas ? 'delta' : 'whole', HALLWAY_UNTAGGED_HEARTBEAT_WINDOW_MS: String(scaleOut.untaggedHeartbeatWindowMs), HALLWAY_LOG_LEVEL: 'warn' }
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk) => (stdout += chunk))
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const running = () => child.exitCode === null && child.signalCode === null
  const url = await waitFor('the node to listen', () => {
    if (!running()) throw new Error(`node exited: ${stderr.slice(-2000)}`)
    return /hallway server listening on (http:\/\/\S+)/.exec(stdout)?.[1]
  }, 20_000)
  return {
    url,
    child,
    async kill(signal) {
      if (running()) child.kill(signal)
      await exited
    },
  }
}
