import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SERVER_NODE_FLAGS } from './server-build'

const repoFile = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')
const shippedCommand = `node ${SERVER_NODE_FLAGS.join(' ')} out/server/main.js`

describe('the built server is run with the same node flags everywhere we ship it', () => {
  it('npm run server passes SERVER_NODE_FLAGS', () => {
    const scripts = (JSON.parse(repoFile('package.json')) as { scripts: Record<string, string> }).scripts
    expect(scripts['server']).toContain(shippedCommand)
  })

  it("the README's systemd unit passes SERVER_NODE_FLAGS", () => {
    const execStart = repoFile('README.md')
      .split('\n')
      .filter((line) => line.startsWith('ExecStart='))
    expect(execStart.length).toBeGreaterThan(0)
    for (const line of execStart) expect(line).toContain(shippedCommand)
  })
})
