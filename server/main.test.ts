import { afterAll, describe, expect, it } from 'vitest'
import { CloseCode } from '../shared/contract/close-codes'
import { createTestTeam, rawClient, removeTempDirs, spawnServer, tempDir, tokenFor } from './testing/harness'

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
      expect((await client.closed).code).toBe(CloseCode.draining)
      expect(await server.exited).toBe(0)
      expect(server.output.stdout).toBe(line)
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
