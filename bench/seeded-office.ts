// The company-size office, as the office, paint and crowd benches seed it: one SQLite
// data dir holding a team of 1,000 members in 50 rooms, of whom the crowd brings 300 online.
import { seedTeam } from '../server/admin/teams'
import { SqliteStore } from '../server/store/sqlite-store'
import { createTestTeam } from '../server/testing/harness'

export const OFFICE_MEMBERS = 1000
export const OFFICE_ROOMS = 50
export const OFFICE_CROWD = 300

/** Creates the team in `dataDir` and seeds its members and rooms; the team's id. */
export async function seedOfficeTeam(dataDir: string, name: string): Promise<string> {
  const teamId = await createTestTeam(dataDir, name)
  const store = SqliteStore.open(dataDir, { watchIntervalMs: 0 })
  try {
    await seedTeam(store, teamId, { members: OFFICE_MEMBERS, rooms: OFFICE_ROOMS })
  } finally {
    await store.close()
  }
  return teamId
}
