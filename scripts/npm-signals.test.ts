// `npm run server` stopped the way a terminal's kill or a process manager does it: SIGTERM to the
// npm process only. npm passes it to the shell running the script, which would not pass it on; the
// script `exec`s its last command, so the signal reaches the server itself. (`npm start` is the
// same pattern, `exec tsx scripts/start.ts`, but it builds LiveKit and opens Electron on fixed
// ports: too heavy to start here.)
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { connect } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it } from 'vitest'
import { removeTempDirs, tempDir, waitFor } from '../server/testing/harness'

const repo = fileURLToPath(new URL('..', import.meta.url))

/** Whether something accepts TCP connections on this local port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

afterEach(removeTempDirs)

it('SIGTERM to the npm process of `npm run server` stops the server and frees its port', async () => {
  const npm = spawn('npm', ['run', '--silent', 'server', '--', '--port', '0', '--data', tempDir('hallway-npm-signal-')], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a failed run can still be cleaned up whole.
    detached: true,
  })
  const exited = once(npm, 'exit')
  let stdout = ''
  npm.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  try {
    // The first run may build out/server first.
    const url = await waitFor('the server to listen', () => /hallway server listening on (\S+)/.exec(stdout)?.[1], 120_000)
    const port = Number(new URL(url).port)
    expect(await accepts(port)).toBe(true)

    npm.kill('SIGTERM')
    await exited
    await waitFor('the server to let go of its port', async () => !(await accepts(port)), 30_000)
  } finally {
    try {
      process.kill(-npm.pid!, 'SIGKILL')
    } catch {
      // The group is gone: nothing was left behind.
    }
  }
}, 180_000)
