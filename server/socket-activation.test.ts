import { execFileSync } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { CloseCode, comebackOf } from '../shared/contract/close-codes'
import { LISTEN_BACKLOG } from './listen'
import { inheritedListenSocket } from './socket-activation'
import { holdSocket } from './testing/held-socket'
import { createTestTeam, rawClient, removeTempDirs, spawnServer, tempDir, tokenFor, waitFor } from './testing/harness'

afterAll(removeTempDirs)

describe('socket activation settings', () => {
  it('binds --host and --port when nothing was handed over, and uses fd 3 when LISTEN_PID is this process', () => {
    expect(inheritedListenSocket({}, 42)).toEqual({ ok: true, fd: null })
    expect(inheritedListenSocket({ LISTEN_FDS: '1', LISTEN_PID: '42' }, 42)).toEqual({ ok: true, fd: 3 })
  })

  it('refuses a socket count it cannot use, a socket meant for another process, and half the settings, saying what to change', () => {
    const refused = (env: Record<string, string>) => {
      const result = inheritedListenSocket(env, 42)
      if (result.ok) throw new Error(`accepted ${JSON.stringify(env)}`)
      expect(result.error).toMatch(/unset LISTEN_FDS and LISTEN_PID/)
      return result.error
    }
    expect(refused({ LISTEN_FDS: 'two', LISTEN_PID: '42' })).toMatch(/LISTEN_FDS must be 1 .*got "two"/)
    expect(refused({ LISTEN_FDS: '2', LISTEN_PID: '42' })).toMatch(/LISTEN_FDS must be 1 .*got 2/)
    expect(refused({ LISTEN_FDS: '0', LISTEN_PID: '42' })).toMatch(/LISTEN_FDS must be 1/)
    expect(refused({ LISTEN_FDS: '1', LISTEN_PID: '41' })).toMatch(/LISTEN_PID is 41, not this process \(42\)/)
    expect(refused({ LISTEN_FDS: '1' })).toMatch(/LISTEN_PID must be this process's id \(42\); got nothing/)
    expect(refused({ LISTEN_PID: '42' })).toMatch(/LISTEN_FDS must be 1 .*got nothing/)
    expect(refused({ LISTEN_FDS: '1', LISTEN_PID: '-42' })).toMatch(/LISTEN_PID must be/)
  })
})

describe('npm run server on a socket a supervisor holds', () => {
  it('listens on the inherited socket; after a drain, a member who comes back while no server runs waits in the queue and the successor admits it', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    // --port names another port: the inherited socket wins.
    await onHeldSocket(['--port', '1', '--data', dir], async ({ held, first, successor }) => {
      const url = await first.listening
      expect(url).toBe(`http://127.0.0.1:${held.port}`)
      const ada = rawClient(url, `team/${teamId}`, await tokenFor(dir, teamId, 'ada'))
      await ada.opened

      first.child.kill('SIGTERM')
      const closed = await ada.closed
      expect(closed.code).toBe(CloseCode.draining)
      // The rest of the drain (one member: its answer and the exit) and the successor's start-up,
      // which this process measured as its own (upMs): on a held socket too, so the wave does not
      // meet the successor all at once out of the queue.
      const upMs = Number(/"upMs":(\d+)/.exec(first.output.stderr)?.[1])
      expect(upMs).toBeGreaterThan(0)
      expect(comebackOf(closed.reason)?.afterMs).toBeGreaterThanOrEqual(upMs)
      expect(await first.exited).toBe(0)

      // No process holds the socket open but this one, which never accepts.
      const back = rawClient(url, `team/${teamId}`, await tokenFor(dir, teamId, 'ada'))
      const refused = new Promise<string>((resolve) => back.ws.once('error', (error) => resolve(String(error))))
      expect(await successor(['--data', dir]).listening).toBe(url)
      await Promise.race([back.opened, refused.then((error) => Promise.reject(new Error(`the queued connection failed: ${error}`)))])
      expect(back.ws.readyState).toBe(back.ws.OPEN)
      back.ws.close()
    })
  })

  it('stops accepting when the drain starts: a member arriving mid-drain is not refused with 1012 but admitted by the successor', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    await onHeldSocket(['--data', dir, '--drain-window-ms', '2000'], async ({ first, successor }) => {
      const url = await first.listening
      // Two members: the second is closed 1 s into the window, so the draining process is still up when bo connects.
      const ada = rawClient(url, `team/${teamId}`, await tokenFor(dir, teamId, 'ada'))
      const cy = rawClient(url, `team/${teamId}`, await tokenFor(dir, teamId, 'cy'))
      await Promise.all([ada.opened, cy.opened])
      first.child.kill('SIGTERM')
      await waitFor('the drain to start', () => first.output.stderr.includes('"msg":"draining"'))
      const late = rawClient(url, `team/${teamId}`, await tokenFor(dir, teamId, 'bo'))
      let lateClosed: number | null = null
      void late.closed.then(({ code }) => (lateClosed = code))
      expect((await ada.closed).code).toBe(CloseCode.draining)
      expect((await cy.closed).code).toBe(CloseCode.draining)
      expect(await first.exited).toBe(0)
      // Had the draining process accepted it, it would have had its 1012 by now.
      expect(lateClosed).toBeNull()
      expect(late.ws.readyState).toBe(late.ws.CONNECTING)
      await successor(['--data', dir]).listening
      await late.opened
      expect(lateClosed).toBeNull()
      late.ws.close()
    })
  })

  it('queues as many connections on the inherited socket as on a port it binds: a restart wave waits in the queue rather than losing its SYNs', async () => {
    const dir = tempDir()
    // The kernel caps every listen queue at somaxconn; below LISTEN_BACKLOG the test asks for that.
    const expected = Math.min(LISTEN_BACKLOG, Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8')))
    const bound = spawnServer(['--port', '0', '--data', dir])
    try {
      expect(listenQueueOf(new URL(await bound.listening).port)).toBe(expected)
    } finally {
      bound.child.kill('SIGKILL')
    }
    await onHeldSocket(['--data', dir], async ({ held, first }) => {
      await first.listening
      // Node took a backlog in listen's options for an address only: an fd was left at 511.
      expect(listenQueueOf(String(held.port))).toBe(expected)
    })
  })

  it('refuses a bad LISTEN_FDS or a socket meant for another process before opening anything: exit 2 and what to change', async () => {
    const dir = tempDir()
    const badCount = spawnServer(['--port', '0', '--data', dir], { LISTEN_FDS: 'abc', LISTEN_PID: '1' })
    expect(await badCount.exited).toBe(2)
    expect(badCount.output.stderr).toMatch(/^hallway server: LISTEN_FDS must be 1 .*got "abc".*unset LISTEN_FDS and LISTEN_PID/)
    const otherPid = spawnServer(['--port', '0', '--data', dir], { LISTEN_FDS: '1', LISTEN_PID: '1' })
    expect(await otherPid.exited).toBe(2)
    expect(otherPid.output.stderr).toMatch(/^hallway server: LISTEN_PID is 1, not this process/)
    expect(badCount.output.stdout + otherPid.output.stdout).toBe('')
  })

  it('says what to change when fd 3 is not a socket, and exits without listening', async () => {
    const dir = tempDir()
    const devNull = openSync('/dev/null', 'r')
    const server = spawnServer(['--data', dir], {}, { heldSocket: { port: 0, fd: devNull, close: () => closeSync(devNull) } })
    expect(await server.exited).toBe(1)
    closeSync(devNull)
    expect(server.output.stderr).toMatch(/Could not listen on the inherited socket \(fd 3\).*ListenStream=/)
    expect(server.output.stdout).toBe('')
  })
})

type Spawned = ReturnType<typeof spawnServer>

/** The listen queue's length the kernel has for 127.0.0.1:port (ss shows it as a listener's Send-Q). */
function listenQueueOf(port: string): number {
  const line = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim()
  const [state, , sendQ] = line.split(/\s+/)
  if (state !== 'LISTEN') throw new Error(`no listener on port ${port}: ${JSON.stringify(line)}`)
  return Number(sendQ)
}

/** A first server on a socket the test holds, the body, then both processes and the socket gone, whatever happened. */
async function onHeldSocket(firstArgs: string[], body: (run: { held: ReturnType<typeof holdSocket>; first: Spawned; successor: (args: string[]) => Spawned }) => Promise<void>): Promise<void> {
  const held = holdSocket('127.0.0.1')
  const first = spawnServer(firstArgs, {}, { heldSocket: held })
  const started = [first]
  const successor = (args: string[]) => {
    const next = spawnServer(args, {}, { heldSocket: held })
    started.push(next)
    return next
  }
  try {
    await body({ held, first, successor })
  } finally {
    for (const server of started) server.child.kill('SIGKILL')
    held.close()
  }
}
