import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Socket } from 'node:net'
import * as Y from 'yjs'
import WebSocket from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import { afterAll, describe, expect, it } from 'vitest'
import { chatDocName } from '../../shared/contract/doc-names'
import type { SocketConstructor } from '../../shared/core/jittered-socket'
import { seedRoom } from '../admin/teams'
import { CloseCode } from '../../shared/contract/close-codes'
import { HANDOFF_WORKER_ENV } from './handoff-messages'
import { seedRooms, storedKeys } from '../testing/drain-roll'
import { storedDoc } from '../testing/stored-doc'
import { encodeUpdate } from '../sync/protocol'
import { createTestTeam, openProvider, rawClient, removeTempDirs, spawnServer, tempDir, tokenFor, waitFor, type ServerProcess } from '../testing/harness'
import { processGroupMembers } from '../testing/process-group'
import { appendMessage } from '../testing/raw-yjs-client'

afterAll(removeTempDirs)

const MEMBERS = 24
const DOCS = 3

/** The keeper's first worker leads a process group its successors join. */
function firstWorkerOf(keeper: ServerProcess): number {
  const pid = keeper.child.pid!
  return Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0])
}

/** A client's masked binary WebSocket frame of `payload` (RFC 6455), to write in parts. */
function maskedFrame(payload: Uint8Array): Buffer {
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78])
  const length = payload.byteLength < 126 ? Buffer.from([0x80 | payload.byteLength]) : Buffer.from([0x80 | 126, payload.byteLength >> 8, payload.byteLength & 0xff])
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!))
  return Buffer.concat([Buffer.from([0x82]), length, mask, masked])
}

/** The server's end of a client's connection has read everything the client sent (its receive queue, from `ss`, is empty). */
function serverReadAll(serverPort: number, client: WebSocket): boolean {
  const clientPort = (client as unknown as { _socket: Socket })._socket.localPort
  const line = execFileSync('ss', ['-tnH', 'state', 'established', `( sport = :${serverPort} and dport = :${clientPort} )`], { encoding: 'utf8' }).trim()
  return line !== '' && Number(line.split(/\s+/)[0]) === 0
}

function messagesIn(provider: WebsocketProvider): string[] {
  return provider.doc
    .getArray<{ get(key: string): unknown }>('messages')
    .toArray()
    .map((message) => String(message.get('id')))
}

/** A team with `docs` discussions, served by `npm run server -- --hand-over` (a keeper and its first worker). */
async function keptOffice(docs: number, options: { entry?: string; logLevel?: string } = {}) {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  await seedRooms(dir, teamId, docs)
  const docNames = Array.from({ length: docs }, (_, i) => chatDocName(teamId, seedRoom(i + 1, 0).id))
  const keeper = spawnServer(['--hand-over', '--port', '0', '--data', dir, '--log-level', options.logLevel ?? 'info'], {}, options.entry ? { entry: options.entry } : {})
  let group = 0
  const stop = () => {
    keeper.child.kill('SIGKILL')
    for (const pid of group ? processGroupMembers(group) : []) process.kill(pid, 'SIGKILL')
  }
  try {
    const url = await keeper.listening
    group = firstWorkerOf(keeper)
    return { dir, teamId, docNames, keeper, url, group, stop }
  } catch (error) {
    stop()
    throw error
  }
}

describe('npm run server -- --hand-over: a deploy without a reconnect', () => {
  it(`SIGHUP: a new worker takes over ${MEMBERS} members' sockets; no one reconnects, writes before, during and after all arrive and are stored, presence stays and still leaves with its member`, async () => {
    const { dir, teamId, docNames, keeper, url, group, stop } = await keptOffice(DOCS, { logLevel: 'debug' })
    const providers: WebsocketProvider[] = []
    try {
      expect(processGroupMembers(group)).toEqual([group])

      const closes: number[] = []
      for (let i = 0; i < MEMBERS; i++) {
        const provider = openProvider(url, docNames[i % DOCS]!, await tokenFor(dir, teamId, `m${i}`), { WebSocket: WebSocket as unknown as SocketConstructor })
        provider.awareness.setLocalStateField('user', `m${i}`)
        provider.on('connection-close', (event: { code: number } | null) => closes.push(event?.code ?? 0))
        providers.push(provider)
      }
      await waitFor('every member to sync', () => providers.every((provider) => provider.synced), 30_000)
      const sameDoc = (i: number) => providers.filter((_, j) => j % DOCS === i % DOCS)
      await waitFor('every member to see the others of its document', () => providers.every((provider, i) => provider.awareness.getStates().size === sameDoc(i).length), 30_000)
      const sockets = providers.map((provider) => provider.ws)
      providers.forEach((provider, i) => appendMessage(provider.doc, `m${i}`, `before ${i}`, `before-${i}`))
      await waitFor('the writes before to be stored', async () => (await storedKeys(dir, docNames)) === MEMBERS, 20_000)

      keeper.child.kill('SIGHUP')
      // Sent while the hand-over runs: they wait in the sockets' buffers for the new worker.
      providers.forEach((provider, i) => appendMessage(provider.doc, `m${i}`, `during ${i}`, `during-${i}`))
      await waitFor('the new worker to take over', () => /"msg":"taken over"/.test(keeper.output.stderr), 30_000)
      await waitFor('the old worker to exit', () => processGroupMembers(group).length === 1 && processGroupMembers(group)[0] !== group, 30_000)
      expect(keeper.output.stderr).toMatch(new RegExp(`"msg":"handed over".*"members":${MEMBERS}.*"reconnecting":0`))

      providers.forEach((provider, i) => appendMessage(provider.doc, `m${i}`, `after ${i}`, `after-${i}`))
      await waitFor('every write to be stored', async () => (await storedKeys(dir, docNames)) === 3 * MEMBERS, 20_000)
      const expected = (i: number) =>
        sameDoc(i)
          .map((provider) => providers.indexOf(provider))
          .flatMap((j) => [`before-${j}`, `during-${j}`, `after-${j}`])
          .sort()
      await waitFor('every member to hold every write of its document', () => providers.every((provider, i) => messagesIn(provider).sort().join() === expected(i).join()), 20_000)
      // No member saw its socket close, and each is on the socket it opened.
      expect(closes).toEqual([])
      expect(providers.map((provider) => provider.ws)).toEqual(sockets)

      // Presence came over with its owners: a newcomer sees everyone, and a member who leaves is
      // removed for the others at once (by its owner's release, not the 30 s timeout).
      const lin = openProvider(url, docNames[0]!, await tokenFor(dir, teamId, 'lin'), { WebSocket: WebSocket as unknown as SocketConstructor })
      providers.push(lin)
      await waitFor('the newcomer to see the members there before the hand-over', () => lin.awareness.getStates().size >= sameDoc(0).length, 20_000)
      const leaving = providers[0]!
      const leavingId = leaving.awareness.clientID
      leaving.destroy()
      await waitFor('the others to see the member who left go', () => providers[DOCS]!.awareness.getStates().has(leavingId) === false, 10_000)
    } finally {
      for (const provider of providers) provider.destroy()
      stop()
    }
  }, 120_000)

  it('a frame half read when the hand-over comes: its first byte goes along and the new worker applies it once the rest arrives; a member inside a frame is closed with 1012 instead', async () => {
    const { dir, teamId, docNames, keeper, url, stop } = await keptOffice(1)
    const docName = docNames[0]!
    try {
      const port = Number(new URL(url).port)
      const ada = rawClient(url, docName, await tokenFor(dir, teamId, 'ada'))
      const bob = rawClient(url, docName, await tokenFor(dir, teamId, 'bob'))
      await Promise.all([ada.opened, bob.opened])
      const frameOf = (author: string, id: string) => {
        const doc = new Y.Doc()
        appendMessage(doc, author, `${id} text`, id)
        return maskedFrame(encodeUpdate(Y.encodeStateAsUpdate(doc)))
      }
      const adas = frameOf('ada', 'split')
      const bobs = frameOf('bob', 'inside')
      const adaSocket = (ada.ws as unknown as { _socket: Socket })._socket
      const bobSocket = (bob.ws as unknown as { _socket: Socket })._socket
      // Ada's first byte only: the reader is still between frames. Bob's header and part of the payload: inside one.
      adaSocket.write(adas.subarray(0, 1))
      bobSocket.write(bobs.subarray(0, 12))
      await waitFor('the old worker to read both', () => serverReadAll(port, ada.ws) && serverReadAll(port, bob.ws), 10_000)

      keeper.child.kill('SIGHUP')
      await waitFor('the new worker to take over', () => /"msg":"taken over"/.test(keeper.output.stderr), 30_000)
      expect(keeper.output.stderr).toMatch(/"msg":"handed over".*"members":1.*"reconnecting":1/)
      expect((await bob.closed).code).toBe(CloseCode.draining)

      adaSocket.write(adas.subarray(1))
      await waitFor('the split frame to be stored', async () => (await storedKeys(dir, [docName])) === 1, 20_000)
      const stored = await storedDoc(dir, docName)
      expect(stored.getArray<Y.Map<unknown>>('messages').toArray().map((message) => message.get('id'))).toEqual(['split'])
      expect(ada.ws.readyState).toBe(WebSocket.OPEN)
    } finally {
      stop()
    }
  }, 60_000)

  it('a new build that does not start leaves the old one serving, its members connected; the next SIGHUP, with the build mended, hands them over', async () => {
    // The build on disk, as a deploy replaces it: an entry that runs the server, then one that does not start.
    const entry = join(tempDir(), 'entry.ts')
    const working = `import { serverMain } from ${JSON.stringify(join(process.cwd(), 'server', 'main.ts'))}\nvoid serverMain()\n`
    writeFileSync(entry, working)
    const { dir, teamId, docNames, keeper, url, group, stop } = await keptOffice(1, { entry })
    const docName = docNames[0]!
    const providers: WebsocketProvider[] = []
    try {
      const ada = openProvider(url, docName, await tokenFor(dir, teamId, 'ada'), { WebSocket: WebSocket as unknown as SocketConstructor })
      providers.push(ada)
      const closes: number[] = []
      ada.on('connection-close', (event: { code: number } | null) => closes.push(event?.code ?? 0))
      await waitFor('ada to sync', () => ada.synced, 20_000)

      writeFileSync(entry, 'process.exit(3)\n')
      keeper.child.kill('SIGHUP')
      await waitFor('the old worker to give up the deploy', () => /the new build did not start; this one keeps serving.*code 3/.test(keeper.output.stderr), 30_000)
      appendMessage(ada.doc, 'ada', 'still here', 'still')
      await waitFor('the write to be stored by the old worker', async () => (await storedKeys(dir, [docName])) === 1, 20_000)
      expect(processGroupMembers(group)).toEqual([group])

      writeFileSync(entry, working)
      keeper.child.kill('SIGHUP')
      await waitFor('the new worker to take over', () => /"msg":"taken over"/.test(keeper.output.stderr), 30_000)
      appendMessage(ada.doc, 'ada', 'after', 'after')
      await waitFor('the write after to be stored', async () => (await storedKeys(dir, [docName])) === 2, 20_000)
      await waitFor('the old worker to exit', () => !processGroupMembers(group).includes(group), 20_000)
      expect(closes).toEqual([])
    } finally {
      for (const provider of providers) provider.destroy()
      stop()
    }
  }, 90_000)

  it('SIGTERM to the keeper drains the worker as without --hand-over (its members get 1012), and the keeper exits 0 once the worker has', async () => {
    const { dir, teamId, docNames, keeper, url, group, stop } = await keptOffice(1)
    try {
      const ada = rawClient(url, docNames[0]!, await tokenFor(dir, teamId, 'ada'))
      await ada.opened
      keeper.child.kill('SIGTERM')
      expect((await ada.closed).code).toBe(CloseCode.draining)
      expect(await keeper.exited).toBe(0)
      expect(processGroupMembers(group)).toEqual([])
    } finally {
      stop()
    }
  }, 60_000)

  it('the old worker killed mid-hand-over: the new one listens with what it took, the others reconnect to it, nothing stored is lost', async () => {
    // The new build, as a test makes it: it stops itself when the first document arrives, so the old
    // worker is stuck mid-way (a socket's message waits for the new one's acknowledgement).
    const entry = join(tempDir(), 'entry.ts')
    writeFileSync(
      entry,
      [
        `if (process.env.${HANDOFF_WORKER_ENV} === 'successor') process.on('message', (message: { kind?: string }) => { if (message.kind === 'doc') process.kill(process.pid, 'SIGSTOP') })`,
        `import { serverMain } from ${JSON.stringify(join(process.cwd(), 'server', 'main.ts'))}`,
        'void serverMain()',
        '',
      ].join('\n'),
    )
    const { dir, teamId, docNames, keeper, url, group, stop } = await keptOffice(DOCS, { entry })
    const providers: WebsocketProvider[] = []
    try {
      const closes: number[] = []
      for (let i = 0; i < MEMBERS; i++) {
        const provider = openProvider(url, docNames[i % DOCS]!, await tokenFor(dir, teamId, `m${i}`), { WebSocket: WebSocket as unknown as SocketConstructor })
        provider.on('connection-close', () => closes.push(i))
        providers.push(provider)
      }
      await waitFor('every member to sync', () => providers.every((provider) => provider.synced), 30_000)
      providers.forEach((provider, i) => appendMessage(provider.doc, `m${i}`, `before ${i}`, `before-${i}`))
      await waitFor('the writes before to be stored', async () => (await storedKeys(dir, docNames)) === MEMBERS, 20_000)

      keeper.child.kill('SIGHUP')
      const stopped = () => processGroupMembers(group).find((pid) => pid !== group && readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('T'))
      await waitFor('the new worker to stop itself at the first document', stopped, 30_000)
      const successor = stopped()!
      process.kill(group, 'SIGKILL')
      await waitFor('the old worker to be gone', () => !processGroupMembers(group).includes(group), 10_000)
      process.kill(successor, 'SIGCONT')
      await waitFor('the new worker to listen', () => keeper.output.stdout.split('listening on').length === 3, 30_000)
      providers.forEach((provider, i) => appendMessage(provider.doc, `m${i}`, `after ${i}`, `after-${i}`))
      await waitFor('every member back and every write stored', async () => providers.every((provider) => provider.synced) && (await storedKeys(dir, docNames)) === 2 * MEMBERS, 30_000)
      // Some came over whole (never closed), the others reconnected.
      expect(new Set(closes).size).toBeGreaterThan(0)
      expect(new Set(closes).size).toBeLessThan(MEMBERS)
      expect(keeper.child.exitCode).toBeNull()
    } finally {
      for (const provider of providers) provider.destroy()
      stop()
    }
  }, 90_000)
})
