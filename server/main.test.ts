import { afterAll, describe, expect, it } from 'vitest'
import { CloseCode, comebackOf } from '../shared/contract/close-codes'
import { createTestTeam, fetchText, rawClient, removeTempDirs, spawnServer, tempDir, tokenFor, waitFor } from './testing/harness'

afterAll(removeTempDirs)

describe('npm run server', () => {
  it('prints exactly its listening line, then drains with 1012 and exits 0 on SIGTERM', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    const server = spawnServer(['--port', '0', '--data', dir])
    try {
      const url = await server.listening
      const line = server.output.stdout
      expect(line).toMatch(/^hallway server listening on http:\/\/127\.0\.0\.1:\d+\n$/)
      const client = rawClient(url, `team/${teamId}`, await tokenFor(dir, teamId, 'ada'))
      await client.opened

      server.child.kill('SIGTERM')
      const closed = await client.closed
      expect(closed.code).toBe(CloseCode.draining)
      // It names its own start-up as the wait before members come back.
      expect(comebackOf(closed.reason)?.afterMs).toBeGreaterThan(0)
      expect(await server.exited).toBe(0)
      expect(server.output.stdout).toBe(line)
    } finally {
      server.child.kill('SIGKILL')
    }
  })

  it('keeps draining through repeated SIGTERMs: every client gets 1012, none is cut, and it exits 0', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    const server = spawnServer(['--port', '0', '--data', dir, '--drain-window-ms', '3000'])
    try {
      const url = await server.listening
      const clients = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const client = rawClient(url, `team/${teamId}`, await tokenFor(dir, teamId, `m${i}`))
          await client.opened
          return client
        }),
      )
      const codes: number[] = []
      for (const client of clients) void client.closed.then(({ code }) => codes.push(code))

      server.child.kill('SIGTERM')
      await waitFor('readiness off', async () => (await fetchText(`${url}/readyz`)).status === 503)
      // The second and third signals land while most sockets are still open (3 s window).
      expect(codes.length).toBeLessThan(clients.length)
      server.child.kill('SIGTERM')
      server.child.kill('SIGINT')

      expect(await server.exited).toBe(0)
      await waitFor('every close to be seen', () => codes.length === clients.length)
      expect(codes.filter((code) => code !== CloseCode.draining)).toEqual([])
    } finally {
      server.child.kill('SIGKILL')
    }
  })

  it.each([
    [['--redis', 'redis://localhost:6379'], {}, /Scale-out needs both --redis URL and --postgres URL/],
    [['--port', '0', '--data', 'DIR'], { HALLWAY_MAX_DOC_BYTES: 'huge' }, /HALLWAY_MAX_DOC_BYTES must be a whole number/],
  ])('exits 2 with a clear message for a bad setting: %j %j', async (args, env, message) => {
    const server = spawnServer(args.map((arg) => (arg === 'DIR' ? tempDir() : arg)), env)
    expect(await server.exited).toBe(2)
    expect(server.output.stdout).toBe('')
    expect(server.output.stderr).toMatch(message)
  })
})
