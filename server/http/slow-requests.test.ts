import { connect, type Socket } from 'node:net'
import { afterAll, afterEach, expect, it } from 'vitest'
import { teamDocName } from '../../shared/contract/doc-names'
import type { RunningServer } from '../start'
import { decodeMessage } from '../sync/protocol'
import { createTestTeam, fetchText, rawClient, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor, type RawClient } from '../testing/harness'

const servers: RunningServer[] = []
const sockets: Socket[] = []
const clients: RawClient[] = []
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  for (const client of clients.splice(0)) client.ws.terminate()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(removeTempDirs)

/** A short timeout, so the tests see what happens after it without waiting the default. */
const REQUEST_TIMEOUT_MS = 300

async function setup() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir, { requestTimeoutMs: REQUEST_TIMEOUT_MS })
  servers.push(server)
  return { dir, teamId, server }
}

/** A raw TCP client that writes what it is given and records what comes back, and whether the server closed. */
async function slowClient(server: RunningServer, text: string) {
  const socket = connect(server.port, '127.0.0.1')
  sockets.push(socket)
  const seen = { received: '', closed: false }
  socket.on('data', (chunk) => (seen.received += chunk.toString('latin1')))
  socket.on('error', () => {})
  socket.on('close', () => (seen.closed = true))
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  socket.write(text)
  return seen
}

it('answers 408 to a JSON body that stops half way, closes its connection, and serves others meanwhile', async () => {
  const { server } = await setup()
  const body = JSON.stringify({ code: 'x'.repeat(24), name: 'Slow' })
  const half = body.slice(0, body.length / 2)
  const seen = await slowClient(
    server,
    `POST /api/invites/accept HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${half}`,
  )
  expect(await fetchText(`${server.url}/healthz`)).toEqual({ status: 200, body: 'ok' })
  await waitFor('the server to close the slow connection', () => seen.closed)
  expect(seen.received).toMatch(/^HTTP\/1\.1 408 /)
  expect(seen.received).toContain('{"error":"body-timeout"}')
  expect(await fetchText(`${server.url}/healthz`)).toEqual({ status: 200, body: 'ok' })
})

it('cuts a request whose headers never finish, and serves others meanwhile', async () => {
  const { server } = await setup()
  const seen = await slowClient(server, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ')
  expect(await fetchText(`${server.url}/healthz`)).toEqual({ status: 200, body: 'ok' })
  await waitFor('the server to close the slow connection', () => seen.closed)
  expect(seen.received).not.toContain('200 OK')
})

it('leaves sync connections open past the request timeout: it covers the upgrade request only', async () => {
  const { dir, teamId, server } = await setup()
  const client = rawClient(server.url, teamDocName(teamId), await tokenFor(dir, teamId, 'ada'))
  clients.push(client)
  await client.opened
  // Two slow requests cut one after the other, each after the timeout: by then the upgrade
  // request is older than twice the timeout, as the server's own clock measures it.
  for (const which of ['first', 'second']) {
    const slow = await slowClient(server, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ')
    await waitFor(`the ${which} slow request to be cut`, () => slow.closed)
  }
  client.ws.send(new Uint8Array([0, 0, 1, 0]))
  await waitFor('the answer to a sync step 1', () => client.frames.some((frame) => decodeMessage(frame).type === 'syncStep2'))
  expect(client.ws.readyState).toBe(client.ws.OPEN)
})
