import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../shared/model/seeded-random'
import { compareByName } from './office-selectors'
import { PeopleIndex, type Placeable } from './people-index'

const ids = (members: Placeable[]) => members.map((member) => member.id)

describe('PeopleIndex', () => {
  it('files people into the hallway and offline, each by name then id, and counts everyone online', () => {
    const people = new PeopleIndex<Placeable>()
    people.place({ id: 'ada', name: 'Ada', online: true, room: 'a' })
    people.place({ id: 'cy', name: 'Cy', online: true, room: null })
    people.place({ id: 'bob', name: 'Bob', online: true, room: null })
    people.place({ id: 'dee', name: 'Dee', online: false, room: null })
    people.place({ id: 'abe2', name: 'Abe', online: false, room: null })
    people.place({ id: 'abe1', name: 'Abe', online: false, room: null })
    expect(ids(people.hallway())).toEqual(['bob', 'cy'])
    expect(ids(people.offline())).toEqual(['abe1', 'abe2', 'dee'])
    expect(people.online).toBe(3)
  })

  it('refiles one member where they are now: in from the hallway, offline, renamed, gone from the team', () => {
    const people = new PeopleIndex<Placeable>()
    for (const id of ['a', 'b', 'c']) people.place({ id, name: id.toUpperCase(), online: true, room: null })
    people.place({ id: 'b', name: 'B', online: true, room: 'kitchen' })
    expect([ids(people.hallway()), people.online]).toEqual([['a', 'c'], 3])
    people.place({ id: 'a', name: 'A', online: false, room: null })
    expect([ids(people.hallway()), ids(people.offline()), people.online]).toEqual([['c'], ['a'], 2])
    people.place({ id: 'c', name: 'Aaron', online: false, room: null })
    expect(ids(people.offline())).toEqual(['a', 'c'])
    people.place({ id: 'a', name: 'Zed', online: false, room: null })
    expect(ids(people.offline())).toEqual(['c', 'a'])
    people.remove('c')
    people.remove('b')
    people.remove('nobody')
    expect([ids(people.hallway()), ids(people.offline()), people.online]).toEqual([[], ['a'], 0])
  })

  it('gives back the newest object of a member refiled to the same place, where it was', () => {
    const people = new PeopleIndex<Placeable>()
    for (const id of ['a', 'b', 'c']) people.place({ id, name: id.toUpperCase(), online: id !== 'c', room: null })
    const b = { id: 'b', name: 'B', online: true, room: null }
    const c = { id: 'c', name: 'C', online: false, room: null }
    people.place(b)
    people.place(c)
    expect(people.hallway()[1]).toBe(b)
    expect(people.offline()[0]).toBe(c)
    expect([ids(people.hallway()), ids(people.offline()), people.online]).toEqual([['a', 'b'], ['c'], 2])
  })

  it('keeps, change after change, the lists and count a whole-team filter and sort gives (seeded random changes)', () => {
    const random = seededRandom(7)
    const team = new Map<string, Placeable>()
    const people = new PeopleIndex<Placeable>()
    for (let step = 0; step < 2000; step++) {
      const id = `m${Math.floor(random() * 60)}`
      if (random() < 0.1) {
        team.delete(id)
        people.remove(id)
      } else {
        // Few names, so ties fall to the id.
        const member = { id, name: ['Ada', 'Bo', 'ada', 'Émile', 'Zoë'][Math.floor(random() * 5)]!, online: random() < 0.6, room: random() < 0.5 ? null : 'kitchen' }
        team.set(id, member)
        people.place(member)
      }
      const everyone = [...team.values()]
      const sorted = (members: Placeable[]) => ids([...members].sort(compareByName))
      expect(ids(people.hallway()), `step ${step}`).toEqual(sorted(everyone.filter((m) => m.online && m.room === null)))
      expect(ids(people.offline()), `step ${step}`).toEqual(sorted(everyone.filter((m) => !m.online)))
      expect(people.online, `step ${step}`).toBe(everyone.filter((m) => m.online).length)
      // The objects filed are the newest of each member, not an earlier one in the same place.
      expect([...people.hallway(), ...people.offline()].every((member) => team.get(member.id) === member), `step ${step}`).toBe(true)
    }
  })
})
