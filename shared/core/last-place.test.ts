import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { teamDocName } from '../contract/doc-names'
import { TeamDoc } from '../model/team-doc'
import { PresenceCore } from './engine'
import { lastPlaceRecordName, loadLastPlace } from './last-place'
import { MemoryStorage } from './storage-port'
import { mapAt } from '../model/doc-read'
import { openOfflineCore, storageWithTeam } from '../../server/testing/offline-core'

const cores: PresenceCore[] = []
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()))
})

function seededStorage(door: 'open' | 'locked' = 'open'): Promise<MemoryStorage> {
  return storageWithTeam('t1', [{ id: 'kitchen', name: 'Kitchen', kind: 'open', door, capacity: 0, order: 0 }])
}

/** A core of member `ada` on this device's storage, offline (the server address refuses). */
async function openOn(storage: MemoryStorage): Promise<PresenceCore> {
  const core = await openOfflineCore(storage, 't1', 'ada')
  cores.push(core)
  return core
}

async function restart(core: PresenceCore, storage: MemoryStorage): Promise<PresenceCore> {
  await core.flushed()
  await core.close()
  return openOn(storage)
}

describe('the last place on this device', () => {
  it('a restart of the core brings me back into my room with my mic as it was, as a newer media claim', async () => {
    const storage = await seededStorage()
    const before = await openOn(storage)
    expect(await before.execute({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    expect(await before.execute({ type: 'setMic', on: false })).toEqual({ ok: true })
    const epochBefore = before.me.mediaEpoch

    const after = await restart(before, storage)
    expect(after.me.room).toBe('kitchen')
    expect(after.me.mic).toBe(false)
    expect(after.me.mediaEpoch).toBe(epochBefore + 1)
    expect(after.view().rooms.kitchen!.occupants).toContain('ada')
  })

  it('after leaving on purpose a restart starts in the hallway', async () => {
    const storage = await seededStorage()
    const before = await openOn(storage)
    await before.execute({ type: 'enterRoom', roomId: 'kitchen' })
    await before.execute({ type: 'leaveRoom' })
    const after = await restart(before, storage)
    expect(after.me.room).toBeNull()
  })

  it('a room locked since then, or deleted, is not walked back into, and the place is forgotten', async () => {
    const storage = await seededStorage()
    const before = await openOn(storage)
    await before.execute({ type: 'enterRoom', roomId: 'kitchen' })
    await before.flushed()
    await before.close()
    // Meanwhile the room was locked by others (the stored replica learns it on sync).
    const locked = new TeamDoc(new Y.Doc())
    Y.applyUpdate(locked.doc, Y.mergeUpdates(await storage.load(teamDocName('t1'))))
    const stateBefore = Y.encodeStateVector(locked.doc)
    mapAt(locked.rooms, 'kitchen')!.set('door', 'locked')
    await storage.append(teamDocName('t1'), Y.encodeStateAsUpdate(locked.doc, stateBefore))

    const after = await openOn(storage)
    expect(after.me.room).toBeNull()
    await after.flushed()
    expect(await loadLastPlace(storage, lastPlaceRecordName('t1', 'ada'))).toBeNull()
  })

  it('a stored place that does not read is ignored', async () => {
    const storage = await seededStorage()
    await storage.compact(lastPlaceRecordName('t1', 'ada'), new TextEncoder().encode('{"room": 42, "mic": "yes"}'))
    const core = await openOn(storage)
    expect(core.me.room).toBeNull()
  })
})
