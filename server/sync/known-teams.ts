import type { TeamStore } from '../store/doc-store'

/**
 * Whether a team exists, read from the store once per team and then remembered: no store deletes
 * a team (TeamStore has no delete, nor the CLI), so a team found stays found. A restart's
 * reconnect wave asked the store once per member (a SQLite read and its promise, ~1.5 % of an
 * admission); now once per team. A team not found is asked again next time (it may be created meanwhile).
 */
export class KnownTeams {
  private readonly found = new Set<string>()

  constructor(private readonly teams: TeamStore) {}

  async has(teamId: string): Promise<boolean> {
    if (this.found.has(teamId)) return true
    if (!(await this.teams.getTeam(teamId))) return false
    this.found.add(teamId)
    return true
  }
}
