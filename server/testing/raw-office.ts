/** A real server with a fresh team, and raw sockets of its users on it; one fixture per test file. Not shipped code. */
import * as Y from 'yjs'
import { teamDocName } from '../../shared/contract/doc-names'
import type { RunningServer, StartOptions } from '../start'
import { createTestTeam, rawClient, startTestServer, tempDir, tokenFor, type RawClient } from './harness'
import { storedDoc } from './stored-doc'

export interface RawOffice {
  dir: string
  teamId: string
  server: RunningServer
  /** An open raw socket of `user` on a document (the team document unless named). */
  raw(user: string, docName?: string): Promise<RawClient>
  /** What the server has stored for a document (the team document unless named). */
  stored(docName?: string): Promise<Y.Doc>
}

export interface RawOffices {
  start(options?: Partial<StartOptions>): Promise<RawOffice>
  /** Terminates every socket opened, then closes every server: for afterEach. */
  closeAll(): Promise<void>
}

export function rawOffices(): RawOffices {
  const clients: RawClient[] = []
  const servers: RunningServer[] = []
  return {
    async start(options = {}) {
      const dir = tempDir()
      const teamId = await createTestTeam(dir, 'Acme')
      const server = await startTestServer(dir, options)
      servers.push(server)
      const teamDoc = teamDocName(teamId)
      return {
        dir,
        teamId,
        server,
        async raw(user, docName = teamDoc) {
          const client = rawClient(server.url, docName, await tokenFor(dir, teamId, user))
          clients.push(client)
          await client.opened
          return client
        },
        stored: (docName = teamDoc) => storedDoc(dir, docName),
      }
    },
    async closeAll() {
      for (const client of clients.splice(0)) client.ws.terminate()
      await Promise.all(servers.splice(0).map((server) => server.close()))
    },
  }
}
