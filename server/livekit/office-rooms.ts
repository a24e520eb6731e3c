import { teamDocName } from '../../shared/contract/doc-names'
import { TeamDoc } from '../../shared/model/team-doc'
import type { OfficeRoom } from './call-access'
import type { TeamStore } from '../store/doc-store'
import type { DocRegistry } from '../sync/doc-registry'

/** A room's door as the live team document has it (loading the document if no one is connected). */
export async function findOfficeRoom(teams: TeamStore, registry: DocRegistry, teamId: string, roomId: string): Promise<OfficeRoom> {
  if (!(await teams.getTeam(teamId))) return null
  const room = await registry.acquire(teamDocName(teamId))
  try {
    const fields = new TeamDoc(room.doc).room(roomId)
    return fields ? { door: fields.door } : null
  } finally {
    registry.release(room)
  }
}
