import { readFileSync } from 'node:fs'
import WebSocket from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import { afterAll, describe, expect, it } from 'vitest'
import { chatDocName } from '../../shared/contract/doc-names'
import type { SocketConstructor } from '../../shared/core/jittered-socket'
import { seedRoom } from '../admin/teams'
import { seedRooms, storedKeys } from '../testing/drain-roll'
import { createTestTeam, openProvider, removeTempDirs, spawnServer, tempDir, tokenFor, waitFor, type ServerProcess } from '../testing/harness'
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

function messagesIn(provider: WebsocketProvider): string[] {
  return provider.doc
    .getArray<{ get(key: string): unknown }>('messages')
    .toArray()
    .map((message) => String(message.get('id')))
}

describe('npm run server -- --hand-over: a deploy without a reconnect', () => {
  it(`SIGHUP: a new worker takes over ${MEMBERS} members' sockets; no one reconnects, writes before, during and after all arrive and are stored, presence stays and still leaves with its member`, async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    await seedRooms(dir, teamId, DOCS)
    const docNames = Array.from({ length: DOCS }, (_, i) => chatDocName(teamId, seedRoom(i + 1, 0).id))
    const keeper = spawnServer(['--hand-over', '--port', '0', '--data', dir, '--log-level', 'debug'])
    const providers: WebsocketProvider[] = []
    let group = 0
    try {
      const url = await keeper.listening
      group = firstWorkerOf(keeper)
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
      keeper.child.kill('SIGKILL')
      for (const pid of group ? processGroupMembers(group) : []) process.kill(pid, 'SIGKILL')
    }
  }, 120_000)
})
