/**
 * Real redis-server and postgres processes for scale-out tests, from Debian's packages (.ci/run
 * installs them). Each runs on 127.0.0.1 on a free port with its files in a temp dir, and is
 * killed and removed by `stop()` or when the test process exits. Not shipped code.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import pg from 'pg'
import { waitFor } from './harness'

const REDIS_SERVER = '/usr/bin/redis-server'
const INSTALL_HINT = 'Install the Debian packages redis-server and postgresql (apt-get install redis-server postgresql; .ci/run does this).'

export interface TestRedis {
  url: string
  /** Kills redis-server (losing every key, as it runs without persistence) and starts it again on the same port. */
  restart(): Promise<void>
  stop(): Promise<void>
}

export interface TestPostgres {
  /** Creates an empty database and returns its URL: one per test keeps tests independent. */
  createDatabase(): Promise<string>
  stop(): Promise<void>
}

interface Service {
  child: ChildProcess
  name: string
  /** The tail of its stderr, for failure messages. */
  stderr(): string
}

const running = new Set<Service>()
process.once('exit', () => {
  for (const service of running) service.child.kill('SIGKILL')
})

export async function startRedis(): Promise<TestRedis> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} is missing. ${INSTALL_HINT}`)
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  const launchRedis = async () => {
    const service = launch('redis-server', REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'])
    await waitFor(`redis-server on port ${port}`, async () => {
      assertAlive(service)
      const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 })
      probe.on('error', () => {})
      try {
        await probe.connect()
        return (await probe.ping()) === 'PONG'
      } finally {
        probe.disconnect()
      }
    })
    return service
  }
  let service = await launchRedis()
  return {
    url,
    async restart() {
      await terminate(service, 'SIGKILL')
      service = await launchRedis()
    },
    stop: () => terminate(service, 'SIGKILL'),
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir()
  const dir = mkdtempSync(join(tmpdir(), 'hallway-pg-'))
  const dataDir = join(dir, 'data')
  // Postgres refuses to run as root; as root we hand the dir to the `postgres` user.
  const asUser = process.getuid?.() === 0 ? postgresUser() : null
  if (asUser) chownSync(dir, asUser.uid, asUser.gid)
  const init = spawnSync(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], {
    ...(asUser ?? {}),
    encoding: 'utf8',
  })
  if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}): ${init.stderr}`)
  const port = await freePort()
  // fsync off: these are throwaway clusters; what the tests check is Hallway's ordering, not disks.
  const service = launch(
    'postgres',
    join(bin, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'full_page_writes=off'],
    asUser,
  )
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`
  await waitFor(`postgres on port ${port}`, async () => {
    assertAlive(service)
    const client = new pg.Client(adminUrl)
    client.on('error', () => {})
    try {
      await client.connect()
      await client.query('SELECT 1')
      return true
    } finally {
      await client.end().catch(() => {})
    }
  }, 20_000)
  let databases = 0
  return {
    async createDatabase() {
      const name = `hallway_test_${++databases}`
      const client = new pg.Client(adminUrl)
      await client.connect()
      try {
        await client.query(`CREATE DATABASE ${name}`)
      } finally {
        await client.end()
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`
    },
    async stop() {
      // SIGQUIT is postgres's immediate shutdown: it also ends its backends.
      await terminate(service, 'SIGQUIT')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : []
  const found = versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'postgres')) && existsSync(join(bin, 'initdb')))
  if (!found) throw new Error(`No postgres server under ${root}/<version>/bin. ${INSTALL_HINT}`)
  return found
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' })
  const uid = id('-u')
  const gid = id('-g')
  if (uid.status !== 0 || gid.status !== 0) throw new Error(`Running as root needs the "postgres" user to start postgres. ${INSTALL_HINT}`)
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

function launch(name: string, command: string, args: string[], user: { uid: number; gid: number } | null = null): Service {
  const child = spawn(command, args, { ...(user ?? {}), stdio: ['ignore', 'ignore', 'pipe'] })
  const chunks: string[] = []
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk))
  const service: Service = { child, name, stderr: () => chunks.join('').slice(-2000) }
  running.add(service)
  child.once('exit', () => running.delete(service))
  return service
}

function assertAlive({ child, name, stderr }: Service): void {
  if (child.exitCode !== null || child.signalCode !== null) {
    throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}): ${stderr()}`)
  }
}

async function terminate({ child }: Service, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill(signal)
  await exited
}
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}
