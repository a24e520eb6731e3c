import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { chatDocName } from '../../shared/contract/doc-names'
import { createTestTeam, openProvider, removeTempDirs, spawnServer, tempDir, tokenFor, waitFor, type ServerProcess } from '../testing/harness'
import { messageIds } from '../testing/message-writes'
import { appendMessage } from '../testing/raw-yjs-client'
import { storedDoc } from '../testing/stored-doc'

const providers: WebsocketProvider[] = []
const processes: ServerProcess[] = []
afterEach(() => {
  for (const provider of providers.splice(0)) provider.destroy()
  for (const server of processes.splice(0)) server.child.kill('SIGKILL')
})
afterAll(removeTempDirs)

/** The server's own limits would cut a writer this fast (4429); this test is about durability. */
const FAST_WRITER = ['--max-messages-per-second', '100000', '--max-bytes-per-second', '1073741824']

function start(dir: string, port: string): ServerProcess {
  const server = spawnServer(['--port', port, '--data', dir, ...FAST_WRITER], { HALLWAY_LOG_LEVEL: 'error' })
  processes.push(server)
  return server
}

async function storedKeys(dir: string, docName: string): Promise<Set<string>> {
  return messageIds(await storedDoc(dir, docName))
}

describe('kill -9', () => {
  it('loses no update another client has seen, and the writer re-sends what the server never stored', async () => {
    const dir = tempDir()
    const teamId = await createTestTeam(dir, 'Acme')
    const docName = chatDocName(teamId, 'lobby')
    const first = start(dir, '0')
    const url = await first.listening
    const port = new URL(url).port

    const writer = openProvider(url, docName, await tokenFor(dir, teamId, 'writer'))
    const observer = openProvider(url, docName, await tokenFor(dir, teamId, 'observer'))
    providers.push(writer, observer)
    const seen = new Set<string>()
    observer.doc.getArray<Y.Map<unknown>>('messages').observe((event) => {
      for (const item of event.changes.added) for (const message of item.content.getContent() as Y.Map<unknown>[]) seen.add(message.get('id') as string)
    })
    await waitFor('both clients to sync', () => writer.synced && observer.synced, 20_000)

    // Each message is its own update, its own frame.
    let written = 0
    const write = () => {
      for (let i = 0; i < 5; i++) appendMessage(writer.doc, 'writer', `k${++written}`, `k${written}`)
    }
    let timer = setInterval(write, 2)
    await waitFor('the observer to see a few hundred updates', () => seen.size >= 300, 20_000)
    first.child.kill('SIGKILL')
    const writtenBeforeKill = written
    await first.exited
    await waitFor('both clients to notice', () => !writer.wsconnected && !observer.wsconnected)
    const seenBeforeKill = new Set(seen)

    // The writer stays offline (and keeps writing) until we have looked at what the server stored.
    writer.disconnect()
    await waitFor('a few offline writes', () => written >= writtenBeforeKill + 50)
    clearInterval(timer)

    const second = start(dir, port)
    await second.listening
    const stored = await storedKeys(dir, docName)
    const lost = [...seenBeforeKill].filter((key) => !stored.has(key))
    expect(lost).toEqual([])
    const keysUpTo = (n: number) => Array.from({ length: n }, (_, i) => `k${i + 1}`)
    const inFlight = keysUpTo(writtenBeforeKill).filter((key) => !stored.has(key))
    // What the restarted server lacks (in flight at the kill, or written offline) only the writer holds.
    const unstored = keysUpTo(written).filter((key) => !stored.has(key))
    expect(unstored.length).toBeGreaterThanOrEqual(50)
    const observed = messageIds(observer.doc)
    expect(unstored.filter((key) => observed.has(key))).toEqual([])

    // Reconnecting, the writer's sync step sends everything the server lacks; writes go on meanwhile.
    timer = setInterval(write, 20)
    writer.connect()
    await waitFor('the writer to resync', () => writer.synced, 20_000)
    clearInterval(timer)
    const reader = openProvider(url, docName, await tokenFor(dir, teamId, 'reader'))
    providers.push(reader)
    await waitFor('a fresh reader to have every update written', () => messageIds(reader.doc).size === written, 20_000)
    await waitFor('the store to have them all', async () => (await storedKeys(dir, docName)).size === written)
    // So the writer's re-send ran: nothing else could bring these to the server.
    const storedAfter = await storedKeys(dir, docName)
    expect(unstored.filter((key) => !storedAfter.has(key))).toEqual([])
    await waitFor('the observer to catch up', () => messageIds(observer.doc).size === written, 20_000)
    console.info(
      `kill -9: ${writtenBeforeKill} written before the kill, ${seenBeforeKill.size} seen by the observer (all stored), ` +
        `${inFlight.length} in flight and unstored, ${written - writtenBeforeKill} written offline; all ${written} present after the writer resynced`,
    )
  })
})
