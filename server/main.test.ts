import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { CloseCode } from '../shared/contract/close-codes'
import { createTestTeam, rawClient, removeTempDirs, tempDir, tokenFor, waitFor } from './test-support'

afterAll(removeTempDirs)

const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url))

function runMain(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', mainPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  const output = { stdout: '', stderr: '' }
  child.stdout.on('data', (chunk) => (output.stdout += chunk))
  child.stderr.on('data', (chunk) => (output.stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output, exited }
}

describe('npm run server', () => {
  it('prints exactly its listening line, then drains with 1012 and exits 0 on SIGTERM', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir)
    const server = runMain(['--port', '0', '--data', dir])
    try {
      const line = await waitFor('the listening line', () => (server.output.stdout.includes('\n') ? server.output.stdout : null), 20_000)
      expect(line).toMatch(/^hallway server listening on http:\/\/127\.0\.0\.1:\d+\n$/)
      const url = line.trim().split(' ').pop()!
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

  it('exits 2 with a clear message for a bad setting', async () => {
    const server = runMain(['--redis', 'redis://localhost:6379'])
    expect(await server.exited).toBe(2)
    expect(server.output.stdout).toBe('')
    expect(server.output.stderr).toMatch(/Scale-out needs both --redis URL and --postgres URL/)
  })
})
