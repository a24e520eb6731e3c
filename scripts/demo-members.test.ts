import { describe, expect, it } from 'vitest'
import { loadUserName } from '../server/admin/load-users'
import { profilePatchSchema } from '../shared/model/profiles'
import { DEMO_MEMBERS } from './demo-members'

describe('demo members', () => {
  const members = Object.values(DEMO_MEMBERS)

  it('carry real names: no "(you)", which the views add for the viewer themselves', () => {
    for (const { name } of members) expect(name).not.toMatch(/\(you\)/i)
  })

  it('have names the profile model accepts, and distinct ids and names', () => {
    for (const { name } of members) expect(profilePatchSchema.parse({ name })).toEqual({ name })
    expect(new Set(members.map((m) => m.userId)).size).toBe(members.length)
    expect(new Set(members.map((m) => m.name)).size).toBe(members.length)
  })

  it('share no name with the synthetic members `hallway seed` adds to the demo team, so each face and search result is one person', () => {
    const names = new Set<string>(members.map((m) => m.name))
    const clashes = Array.from({ length: 2_000 }, (_, i) => loadUserName(i + 1)).filter((name) => names.has(name))
    expect(clashes).toEqual([])
  })
})
