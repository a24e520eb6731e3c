import { SCHEMA_VERSION } from './schema'
import type { TeamDoc } from './team-doc'
import { ModelError } from './errors'

/** Steps that bring a document from `to - 1` to `to`. Run by the server, the one writer of meta. */
export const migrations: ReadonlyArray<{ to: number; run(team: TeamDoc): void }> = [
  {
    // Version 1 documents created before `order` existed list rooms in insertion order.
    to: 1,
    run(team) {
      team.roomEntries().forEach(([, map], index) => {
        if (typeof map.get('order') !== 'number') map.set('order', index)
      })
    },
  },
]

export function schemaVersionOf(team: TeamDoc): number {
  const version = team.meta.get('schemaVersion')
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 0 ? version : 0
}

/** Brings the document up to SCHEMA_VERSION in one transaction; refuses documents from the future. */
export function migrate(team: TeamDoc): { from: number; to: number } {
  const from = schemaVersionOf(team)
  if (from > SCHEMA_VERSION) {
    throw new ModelError(`This team was saved by a newer Hallway (schema ${from}). Update Hallway to open it.`)
  }
  if (from === SCHEMA_VERSION) return { from, to: from }
  team.doc.transact(() => {
    for (const step of migrations) if (step.to > from && step.to <= SCHEMA_VERSION) step.run(team)
    team.meta.set('schemaVersion', SCHEMA_VERSION)
  })
  return { from, to: SCHEMA_VERSION }
}
