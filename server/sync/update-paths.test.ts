import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendMessage } from '../testing/raw-yjs-client'
import { MissingDependency, UpdatePaths, type PathWrite } from './update-paths'

/** A server document and a replica in step with it. */
function pair(seed: (doc: Y.Doc) => void): { server: Y.Doc; replica: Y.Doc } {
  const server = new Y.Doc()
  seed(server)
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(server))
  return { server, replica }
}

/** The writes the replica's edit makes, as the server resolves them against its own store. */
function writesOf(server: Y.Doc, replica: Y.Doc, edit: (doc: Y.Doc) => void): PathWrite[] {
  const made: Uint8Array[] = []
  const collect = (update: Uint8Array) => made.push(update)
  replica.on('update', collect)
  edit(replica)
  replica.off('update', collect)
  const writes: PathWrite[] = []
  new UpdatePaths(server, Y.decodeUpdate(Y.mergeUpdates(made))).forEach((write) => void writes.push(write))
  return writes
}

const rooms = (doc: Y.Doc) => doc.getMap('rooms') as Y.Map<Y.Map<unknown>>

function withLobby(doc: Y.Doc): void {
  const lobby = new Y.Map<unknown>()
  rooms(doc).set('lobby', lobby)
  lobby.set('name', 'Lobby')
  lobby.set('door', 'open')
}

describe('UpdatePaths', () => {
  it('resolves an overwrite of a nested key to one set, the old value\'s removal being part of it', () => {
    const { server, replica } = pair(withLobby)
    const writes = writesOf(server, replica, (doc) => rooms(doc).get('lobby')!.set('name', 'Hall'))
    expect(writes.map((w) => w.op)).toEqual([{ action: 'set', path: ['rooms', 'lobby', 'name'], value: { kind: 'value', value: 'Hall' }, newParent: false }])
  })

  it('marks the fields of a map made in the same update as new, and resolves them through it', () => {
    const { server, replica } = pair(() => {})
    const writes = writesOf(server, replica, (doc) =>
      doc.transact(() => {
        const room = new Y.Map<unknown>()
        rooms(doc).set('annex', room)
        room.set('name', 'Annex')
      }),
    )
    expect(writes.map((w) => w.op)).toEqual([
      { action: 'set', path: ['rooms', 'annex'], value: { kind: 'map' }, newParent: false },
      { action: 'set', path: ['rooms', 'annex', 'name'], value: { kind: 'value', value: 'Annex' }, newParent: true },
    ])
  })

  it('checks a removed room once: its fields go with it', () => {
    const { server, replica } = pair(withLobby)
    expect(writesOf(server, replica, (doc) => rooms(doc).delete('lobby')).map((w) => w.op)).toEqual([{ action: 'delete', path: ['rooms', 'lobby'] }])
  })

  it('sees a removal made through the delete set alone', () => {
    const { server, replica } = pair(withLobby)
    expect(writesOf(server, replica, (doc) => rooms(doc).get('lobby')!.delete('door')).map((w) => w.op)).toEqual([{ action: 'delete', path: ['rooms', 'lobby', 'door'] }])
  })

  it('resolves list inserts that inherit their parent along an origin chain, and removals with their author', () => {
    const { server, replica } = pair((doc) => appendMessage(doc, 'bob', 'hello', 'm0'))
    const posted = writesOf(server, replica, (doc) => {
      appendMessage(doc, 'ada', 'one', 'm1')
      appendMessage(doc, 'ada', 'two', 'm2')
    })
    expect(posted.filter((w) => w.op.action === 'insert').map((w) => w.op.path)).toEqual([['messages'], ['messages']])
    const authors = posted.filter((w) => w.op.action === 'set' && w.op.path[2] === 'author')
    expect(authors.map((w) => w.op.action === 'set' && w.op.newParent)).toEqual([true, true])
    const removed = writesOf(server, replica, (doc) => doc.getArray('messages').delete(0, 1))
    expect(removed).toEqual([{ op: { action: 'remove', path: ['messages'] }, messageAuthor: 'bob' }])
  })

  it('throws MissingDependency for an update that builds on changes the document lacks', () => {
    const { server, replica } = pair(withLobby)
    rooms(replica).get('lobby')!.set('name', 'First')
    const before = Y.encodeStateVector(replica)
    rooms(replica).get('lobby')!.set('name', 'Second')
    const dependent = Y.decodeUpdate(Y.encodeStateAsUpdate(replica, before))
    expect(() => new UpdatePaths(server, dependent).forEach(() => undefined)).toThrow(MissingDependency)
  })
})
