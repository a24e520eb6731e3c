/** A one-server office for write-rule tests: raw clients that attack or write, a stock watcher, the stored document. Not shipped code. */
import { expect } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { teamDocName } from '../../shared/contract/doc-names'
import { CloseCode } from '../../shared/contract/close-codes'
import type { Role } from '../../shared/model/schema'
import { setMembersManageRooms } from '../admin/teams'
import type { RunningServer } from '../start'
import { SqliteStore } from '../store/sqlite-store'
import { createTestTeam, openProvider, startTestServer, tempDir, tokenFor, waitFor } from './harness'
import { appendMessage, rawYjsClient, type RawYjsClient } from './raw-yjs-client'
import { storedDoc } from './stored-doc'

const livekit = { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'secret' }
const servers: RunningServer[] = []
const clients: RawYjsClient[] = []
const providers: WebsocketProvider[] = []

/** For afterEach: closes what the test's offices opened. */
export async function closeRuleOffices(): Promise<void> {
  for (const client of clients.splice(0)) client.ws.terminate()
  for (const provider of providers.splice(0)) provider.destroy()
  await Promise.all(servers.splice(0).map((server) => server.close()))
}

export type Edit = (doc: Y.Doc) => void

export async function ruleOffice() {
  const dir = tempDir()
  const teamId = await createTestTeam(dir, 'Acme')
  const server = await startTestServer(dir, { livekit })
  servers.push(server)
  const teamDoc = teamDocName(teamId)

  /** A raw client of `user` on a document, synced with the server and, if given, present in a room. */
  const connect = async (user: string, role: Role = 'member', options: { doc?: string; room?: string | null } = {}) => {
    const client = rawYjsClient(server.url, options.doc ?? teamDoc, await tokenFor(dir, teamId, user, role))
    clients.push(client)
    await client.synced
    if (options.room !== undefined) client.present({ user, room: options.room })
    return client
  }

  /** A stock client that shows what the server relays. */
  const watch = async (docName = teamDoc) => {
    const provider = openProvider(server.url, docName, await tokenFor(dir, teamId, 'watcher', 'guest'))
    providers.push(provider)
    await waitFor('the watcher to sync', () => provider.synced)
    return provider.doc
  }

  /** The document as the server stored it (read beside the running server). */
  const stored = (docName = teamDoc) => storedDoc(dir, docName)

  let markers = 0
  /**
   * An admin's later write, once the watcher has it: anything the server relayed before it has
   * arrived too, so what the watcher lacks now was never sent.
   */
  const marker = async (watcher: Y.Doc, docName = teamDoc) => {
    const text = `marker ${++markers}`
    const admin = await connect('marker-admin', 'admin', { doc: docName })
    if (docName === teamDoc) admin.write((doc) => (doc.getMap('rooms').get('lobby') as Y.Map<unknown>).set('name', text))
    else admin.write((doc) => postMessage(doc, 'marker-admin', text))
    await waitFor('the marker to reach the watcher', () => contents(watcher).includes(text))
  }

  /**
   * The attack: `user` writes `edit`; the socket closes 4403 with a reason starting with `path`, and
   * neither the server's document nor a watching client ever shows `leaked`.
   */
  const expectRefused = async (attacker: RawYjsClient, edit: Edit, path: string, leaked: (doc: Y.Doc) => boolean, docName = teamDoc) => {
    const watcher = await watch(docName)
    attacker.write(edit)
    const closed = await attacker.closed
    expect(closed.code).toBe(CloseCode.forbidden)
    expect(closed.reason.startsWith(path), `${closed.reason} names ${path}`).toBe(true)
    expect(leaked(attacker.doc)).toBe(true)
    await marker(watcher, docName)
    expect(leaked(watcher)).toBe(false)
    expect(leaked(await stored(docName))).toBe(false)
    return closed.reason
  }

  return { dir, teamId, server, teamDoc, connect, watch, stored, marker, expectRefused }
}

export const roomsOf = (doc: Y.Doc) => doc.getMap('rooms') as Y.Map<Y.Map<unknown>>
export const membersOf = (doc: Y.Doc) => doc.getMap('members') as Y.Map<Y.Map<unknown>>
export const statusesOf = (doc: Y.Doc) => doc.getMap('statuses') as Y.Map<Y.Map<unknown>>
export const messagesOf = (doc: Y.Doc) => doc.getArray('messages') as Y.Array<Y.Map<unknown>>

/** Everything a team or discussion document holds, as text to search. */
export function contents(doc: Y.Doc): string {
  return JSON.stringify([doc.getArray('messages'), ...['meta', 'rooms', 'members', 'statuses'].map((key) => doc.getMap(key))].map((type) => type.toJSON()))
}

export function postMessage(doc: Y.Doc, author: string, text: string, id = text.replace(/\W/g, '-')): void {
  appendMessage(doc, author, text, id)
}

export async function allowMembersToManageRooms(dir: string, teamId: string, watcher: Y.Doc): Promise<void> {
  // As `npm run hallway -- team settings` does: straight to the store the server watches.
  const store = SqliteStore.open(dir, { watchIntervalMs: 0 })
  await setMembersManageRooms(store, teamId, true)
  await store.close()
  await waitFor('the setting to reach clients', () => watcher.getMap('meta').get('membersManageRooms') === true)
}
