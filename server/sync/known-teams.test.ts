import { afterAll, describe, expect, it } from 'vitest'
import type { TeamStore } from '../store/doc-store'
import { SqliteStore } from '../store/sqlite-store'
import { createTeam } from '../admin/teams'
import { removeTempDirs, tempDir } from '../testing/harness'
import { KnownTeams } from './known-teams'

afterAll(removeTempDirs)

/** The real store, counting how often the team table is read. */
function counted(store: SqliteStore): TeamStore & { reads: number } {
  const teams = {
    reads: 0,
    createTeam: store.createTeam.bind(store),
    getTeam: (id: string) => {
      teams.reads++
      return store.getTeam(id)
    },
  }
  return teams
}

describe('known teams', () => {
  it('reads a team that exists once, however many admissions ask; a team not found is asked again and found once created', async () => {
    const store = SqliteStore.open(tempDir(), { watchIntervalMs: 0 })
    try {
      const teams = counted(store)
      const known = new KnownTeams(teams)
      const acme = await createTeam(store, 'Acme')
      for (let i = 0; i < 100; i++) expect(await known.has(acme.id)).toBe(true)
      expect(teams.reads).toBe(1)

      expect(await known.has('later')).toBe(false)
      expect(await known.has('later')).toBe(false)
      expect(teams.reads).toBe(3)
      await store.createTeam({ id: 'later', name: 'Later', createdAt: Date.now() }, new Uint8Array([0, 0]))
      expect(await known.has('later')).toBe(true)
      expect(await known.has('later')).toBe(true)
      expect(teams.reads).toBe(4)
    } finally {
      await store.close()
    }
  })
})
