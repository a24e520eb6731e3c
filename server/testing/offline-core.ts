/** Cores that run offline on a device's own storage, for tests of what a core does before any server. Not shipped code. */
import WebSocket from 'ws'
import * as Y from 'yjs'
import { teamDocName } from '../../shared/contract/doc-names'
import { PresenceCore } from '../../shared/core/engine'
import type { SocketConstructor } from '../../shared/core/jittered-socket'
import { MemoryStorage } from '../../shared/core/storage-port'
import type { RoomFields } from '../../shared/model/schema'
import { TeamDoc } from '../../shared/model/team-doc'
import { refusedUrl, unsignedToken } from './harness'

/** A device's storage holding team `teamId` ("Acme") with these rooms, as a core would have saved it. */
export async function storageWithTeam(teamId: string, rooms: ReadonlyArray<{ id: string } & RoomFields>): Promise<MemoryStorage> {
  const storage = new MemoryStorage()
  const seed = new TeamDoc(new Y.Doc())
  seed.initialise('Acme', 1)
  for (const { id, ...fields } of rooms) seed.addRoom(id, fields)
  await storage.append(teamDocName(teamId), Y.encodeStateAsUpdate(seed.doc))
  return storage
}

/** A core of `userId` on `storage` whose server address refuses every connection: it stays offline. */
export async function openOfflineCore(storage: MemoryStorage, teamId: string, userId: string): Promise<PresenceCore> {
  return PresenceCore.open({
    serverUrl: await refusedUrl(),
    token: unsignedToken(teamId, userId),
    storage,
    WebSocket: WebSocket as unknown as SocketConstructor,
    device: 'bot',
  })
}
