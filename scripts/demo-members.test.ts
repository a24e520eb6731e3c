import { describe, expect, it } from 'vitest'
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
})
