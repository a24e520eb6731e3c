import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chatDocName } from '../../shared/contract/doc-names'
import { loadUserId, loadUserName } from '../../server/admin/load-users'
import { createTeam, seedRoom, seedTeam } from '../../server/admin/teams'
import { loadOrCreateSecret } from '../../server/auth/secret'
import { mintToken } from '../../server/auth/tokens'
import { SqliteStore } from '../../server/store/sqlite-store'
import type { ClientPlan } from './messages'

export interface BenchTeam {
  dataDir: string
  /** One plan per client, load-1..N, spread over the documents round-robin. */
  plans(clients: number, docs: number): ClientPlan[]
  remove(): Promise<void>
}

/**
 * A data directory with one team and member tokens for load-1..N. The documents are room chats:
 * they carry no content, so one process can hold 1,000 stock clients (a 1,000-member team
 * document costs each client 3.5 MB of heap and 16 ms to load).
 */
export async function createBenchTeam(maxClients: number): Promise<BenchTeam> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hallway-fanout-'))
  const store = SqliteStore.open(dataDir, { watchIntervalMs: 0 })
  let teamId: string
  try {
    teamId = (await createTeam(store, 'Fan-out Bench')).id
    // A discussion opens only for a room the team has; a plan never uses more documents than clients.
    await seedTeam(store, teamId, { members: 0, rooms: maxClients })
  } finally {
    await store.close()
  }
  const secret = loadOrCreateSecret(dataDir)
  const tokens = await Promise.all(
    Array.from({ length: maxClients }, (_, i) =>
      mintToken(secret, { userId: loadUserId(i + 1), teamId, name: loadUserName(i + 1), role: 'member', ttlSeconds: 3600 }),
    ),
  )
  return {
    dataDir,
    plans: (clients, docs) =>
      Array.from({ length: clients }, (_, i) => ({
        user: loadUserId(i + 1),
        docName: chatDocName(teamId, seedRoom((i % docs) + 1, 0).id),
        token: tokens[i]!,
      })),
    remove: () => rm(dataDir, { recursive: true, force: true }),
  }
}
