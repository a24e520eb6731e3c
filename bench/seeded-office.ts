// The company-size office, as the office, paint and crowd benches seed it: one SQLite
// data dir holding a team of 1,000 members in 50 rooms, of whom the crowd brings 300 online.
import { loadUserId } from '../server/admin/load-users'
import { editStoredTeam, seedTeam } from '../server/admin/teams'
import { setStatus } from '../shared/model/profiles'
import { STATUS_EMOJI, statusEmojiValue } from '../shared/model/status-emoji'
import { SqliteStore } from '../server/store/sqlite-store'
import { createTestTeam } from '../server/testing/harness'

export const OFFICE_MEMBERS = 1000
export const OFFICE_ROOMS = 50
export const OFFICE_CROWD = 300

/** With `statuses`, every this-many-th member has set a status with a shipped symbol (a badge on their face). */
export const OFFICE_STATUS_EVERY = 4

/** Creates the team in `dataDir` and seeds its members and rooms (and, asked, statuses); the team's id. */
export async function seedOfficeTeam(dataDir: string, name: string, options: { statuses?: boolean } = {}): Promise<string> {
  const teamId = await createTestTeam(dataDir, name)
  const store = SqliteStore.open(dataDir, { watchIntervalMs: 0 })
  try {
    await seedTeam(store, teamId, { members: OFFICE_MEMBERS, rooms: OFFICE_ROOMS })
    if (options.statuses) {
      await editStoredTeam(store, teamId, (team) => {
        for (let i = OFFICE_STATUS_EVERY; i <= OFFICE_MEMBERS; i += OFFICE_STATUS_EVERY) {
          const { id } = STATUS_EMOJI[(i / OFFICE_STATUS_EVERY) % STATUS_EMOJI.length]!
          setStatus(team, loadUserId(i), { text: '', emoji: statusEmojiValue(id), until: null, dnd: false })
        }
      })
    }
  } finally {
    await store.close()
  }
  return teamId
}
