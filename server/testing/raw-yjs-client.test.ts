// The raw Yjs client that tests and benches write with (a real server, real sockets): closing its
// socket leaves nothing running, so a bench section that used one lets its process end. It did
// not: the client's awareness kept its outdated-state timer, and `npm run bench -- discussionScroll`
// printed its figures and then held the shared bench lock until killed.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { afterAll, afterEach, expect, it } from 'vitest'
import { teamDocName } from '../../shared/contract/doc-names'
import type { RunningServer } from '../start'
import { createTestTeam, removeTempDirs, startTestServer, tempDir, tokenFor } from './harness'

const repo = new URL('../..', import.meta.url).pathname
const servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

it('a process that syncs a raw Yjs client, publishes its presence and closes the socket then exits by itself', async () => {
  const dir = tempDir()
  const team = await createTestTeam(dir)
  const server = await startTestServer(dir)
  servers.push(server)
  const script = [
    "import { rawYjsClient } from './server/testing/raw-yjs-client.ts'",
    'const client = rawYjsClient(process.env.SERVER_URL, process.env.DOC_NAME, process.env.TOKEN)',
    'await client.synced',
    "client.present({ user: 'ada' })",
    'client.ws.close()',
    "console.log('closed')",
  ].join('\n')
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repo,
    env: { ...process.env, SERVER_URL: server.url, DOC_NAME: teamDocName(team), TOKEN: await tokenFor(dir, team, 'ada') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  try {
    // Never exiting is the failure: the test's timeout ends it.
    const [code] = await once(child, 'exit')
    expect(output).toContain('closed')
    expect(code).toBe(0)
  } finally {
    child.kill('SIGKILL')
  }
})
