// `npm start`: the embedded default. Sync server on 127.0.0.1:8787 with SQLite in ./.hallway,
// a LiveKit dev server when one is installed, a demo team, then the desktop app signed in (or,
// without an Electron binary, the web client and its URLs).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createTeam } from '../server/admin/teams'
import { loadOrCreateSecret } from '../server/auth/secret'
import { mintToken } from '../server/auth/tokens'
import type { LiveKitConfig } from '../server/config'
import { SqliteStore } from '../server/store/sqlite-store'
import { DEMO_MEMBERS } from './demo-members'
import { buildLivekitFirstRun } from './livekit/first-build'
import { electronExecutable } from './electron-binary'
import { ensureServerBuild, spawnBuiltServer } from './server-build'
import { ensureLeanBinding } from './sqlite/build-lean'
import { ensureWebBuild, startWebServer } from './serve-web'

const repo = resolve(new URL('..', import.meta.url).pathname)
const dataDir = join(repo, '.hallway')
const port = Number(process.env.HALLWAY_PORT ?? 8787)
const webPort = Number(process.env.HALLWAY_WEB_PORT ?? 5173)
const say = (line: string) => console.log(`[hallway] ${line}`)
const cleanups: Array<() => Promise<void> | void> = []

async function demoTeamId(): Promise<string> {
  const file = join(dataDir, 'demo-team')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const store = SqliteStore.open(dataDir)
  try {
    const team = await createTeam(store, 'Demo Office', { userId: DEMO_MEMBERS.ada.userId, name: DEMO_MEMBERS.ada.name })
    writeFileSync(file, team.id + '\n')
    say(`created the demo team "${team.name}" (${team.id})`)
    return team.id
  } finally {
    store.close()
  }
}

/** Calls are part of the main job: with Go here, the first run builds the SFU (about 4 minutes), showing its progress. */
function buildLivekit(): Promise<boolean> {
  return buildLivekitFirstRun({
    hasGo: () => spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0,
    build: () => {
      const build = spawn('bash', [join(repo, 'scripts/livekit/install.sh')], { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] })
      return new Promise((done) => build.once('exit', done))
    },
    say,
    now: () => Date.now(),
  })
}

async function startCalls(): Promise<LiveKitConfig | null> {
  if (process.env.LIVEKIT_URL) {
    return { url: process.env.LIVEKIT_URL, apiKey: process.env.LIVEKIT_API_KEY ?? 'devkey', apiSecret: process.env.LIVEKIT_API_SECRET ?? 'secret' }
  }
  try {
    const { livekitBinary, startSfu } = await import('./livekit/sfu')
    if (!existsSync(livekitBinary) && !(await buildLivekit())) {
      say('calls are unavailable: no LiveKit server installed (bash scripts/livekit/install.sh). Presence and chat work.')
      return null
    }
    say('starting the LiveKit dev server…')
    // The same address as last run, while it is free: pages left open across a restart reach their call again.
    const subnetFile = join(dataDir, 'livekit-subnet')
    const sfu = await startSfu(existsSync(subnetFile) ? { subnet: readFileSync(subnetFile, 'utf8').trim() } : {})
    writeFileSync(subnetFile, sfu.subnet + '\n')
    cleanups.push(() => sfu.stop())
    say(`LiveKit dev server at ${sfu.url}`)
    return { url: sfu.url, apiKey: sfu.apiKey, apiSecret: sfu.apiSecret }
  } catch (error) {
    say(`calls are unavailable: the LiveKit server did not start (${(error as Error).message}). Presence and chat work.`)
    return null
  }
}

async function main(): Promise<void> {
  const teamId = await demoTeamId()
  const livekit = await startCalls()
  await ensureLeanBinding(say)
  await ensureServerBuild(say)
  say(`starting the sync server (data in ${dataDir})…`)
  const livekitEnv = livekit ? { LIVEKIT_URL: livekit.url, LIVEKIT_API_KEY: livekit.apiKey, LIVEKIT_API_SECRET: livekit.apiSecret } : {}
  const server = await spawnBuiltServer(['--port', String(port), '--host', '127.0.0.1', '--data', dataDir], {
    env: { ...process.env, ...livekitEnv },
    onStderr: (chunk) => process.stderr.write(chunk),
  })
  cleanups.push(async () => {
    server.child.kill('SIGTERM')
    await server.exited
  })
  server.child.once('exit', (code) => {
    if (stopping) return
    say(`the sync server stopped (exit ${code}); run npm start again.`)
    void shutdown()
  })
  say(`sync server at ${server.url}`)

  const secret = loadOrCreateSecret(dataDir)
  // The demo members are admins, so every room action works out of the box.
  const token = (userId: string, name: string) => mintToken(secret, { userId, teamId, name, role: 'admin', ttlSeconds: 7 * 86_400 })
  const ada = await token(DEMO_MEMBERS.ada.userId, DEMO_MEMBERS.ada.name)
  const sam = await token(DEMO_MEMBERS.sam.userId, DEMO_MEMBERS.sam.name)

  const electron = electronExecutable(repo)
  if (electron) {
    say('building the desktop app…')
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: repo, stdio: 'inherit' })
    if (build.status !== 0) throw new Error('The desktop build failed; see the output above.')
    say('opening Hallway')
    const app = spawn(electron, [join(repo, 'out/main/index.js')], {
      cwd: repo,
      stdio: 'inherit',
      env: { ...process.env, HALLWAY_SERVER: server.url, HALLWAY_TOKEN: ada },
    })
    app.once('exit', () => void shutdown())
  } else {
    say('no Electron binary is installed here, so Hallway runs as a web client.')
    await ensureWebBuild({ onBuild: () => say('building the web client (on the first run, and after its sources change)…') })
    const web = await startWebServer({ serverUrl: server.url, port: webPort, ...(livekit ? { livekitUrl: livekit.url } : {}) })
    cleanups.push(() => web.close())
    const link = (t: string) => `${web.url}?${new URLSearchParams({ server: server.url, team: teamId, token: t })}`
    console.log(`\nOpen Hallway in Chromium, signed in as Ada:\n  ${link(ada)}\n`)
    console.log(`A second member (Sam), for another browser or a private window:\n  ${link(sam)}\n`)
    say('press Ctrl+C to stop')
  }
}

let stopping = false
async function shutdown(): Promise<void> {
  if (stopping) return
  stopping = true
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined)
  process.exit(0)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())

main().catch(async (error: Error) => {
  console.error(`[hallway] could not start: ${error.message}`)
  if (/EADDRINUSE/.test(error.message)) {
    console.error(`[hallway] port ${port} is taken: stop the other Hallway, or set HALLWAY_PORT.`)
  }
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined)
  process.exit(1)
})
