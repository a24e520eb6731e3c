import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { mapAt } from '../model/doc-read'
import { setStatus, updateProfile } from '../model/profiles'
import { TeamDoc } from '../model/team-doc'
import { MemberReads } from './member-reads'

function team(): TeamDoc {
  const t = new TeamDoc(new Y.Doc())
  t.ensureMember('ada', { name: 'Ada' })
  t.ensureMember('bob', { name: 'Bob' })
  return t
}

describe('MemberReads', () => {
  it('reads a profile once until that member changes, and then reads the change', () => {
    const t = team()
    const reads = new MemberReads(t)
    const ada = reads.profile('ada', mapAt(t.members, 'ada')!)
    const bob = reads.profile('bob', mapAt(t.members, 'bob')!)
    expect(reads.profile('ada', mapAt(t.members, 'ada')!)).toBe(ada)
    updateProfile(t, 'ada', { title: 'Engineer' })
    expect(reads.profile('ada', mapAt(t.members, 'ada')!)).toMatchObject({ name: 'Ada', title: 'Engineer' })
    expect(reads.profile('bob', mapAt(t.members, 'bob')!)).toBe(bob)
  })

  it('forgets a member whose whole map was replaced, and reads a changed or expiring status', () => {
    const t = team()
    const reads = new MemberReads(t)
    reads.profile('bob', mapAt(t.members, 'bob')!)
    const replaced = new Y.Map<unknown>()
    t.members.set('bob', replaced)
    replaced.set('name', 'Robert')
    expect(reads.profile('bob', replaced).name).toBe('Robert')

    expect(reads.status('ada', 0)).toBeNull()
    setStatus(t, 'ada', { text: 'Lunch', emoji: '', until: 100, dnd: false })
    expect(reads.status('ada', 50)).toMatchObject({ text: 'Lunch' })
    expect(reads.status('ada', 100)).toBeNull()
  })
})
