import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../shared/model/seeded-random'
import { firstFrameLimits, firstScreenLists } from './first-screen'
import { compareByName } from './office-selectors'
import type { Placeable } from './people-index'

describe('firstFrameLimits', () => {
  it('holds back the hallway faces past the rows a 1440×900 window can show beside the rooms', () => {
    // 900 / 46 → 20 rows of 5.
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 900 }, 300)).toEqual({ hallway: 100, offline: 0 })
  })

  it('gives the offline faces what the hallway leaves of the screen', () => {
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 900 }, 30)).toEqual({ hallway: 100, offline: 70 })
  })

  it('grows with a taller window', () => {
    expect(firstFrameLimits({ innerWidth: 2560, innerHeight: 1440 }, 300).hallway).toBe(5 * Math.ceil(1440 / 46))
  })

  it('holds nothing back in a window narrow enough for the people to go under the rooms', () => {
    expect(firstFrameLimits({ innerWidth: 1000, innerHeight: 900 }, 300)).toEqual({ hallway: null, offline: null })
  })

  it('holds nothing back when the window has no size yet', () => {
    expect(firstFrameLimits({ innerWidth: 1440, innerHeight: 0 }, 300)).toEqual({ hallway: null, offline: null })
    expect(firstFrameLimits({ innerWidth: Number.NaN, innerHeight: 900 }, 300)).toEqual({ hallway: null, offline: null })
  })
})

describe('firstScreenLists', () => {
  const ids = (members: Placeable[]) => members.map((member) => member.id)

  it('has everyone each full list has, with the faces the first frame shows in the full lists\' order (seeded random offices and screens)', () => {
    const random = seededRandom(12)
    for (let round = 0; round < 300; round++) {
      // Few names, so ties fall back to the id.
      const members: Placeable[] = Array.from({ length: Math.floor(random() * 60) }, (_, i) => ({
        id: `m${Math.floor(random() * 1000)}-${i}`,
        name: ['Ada', 'bo', 'Bo', 'Émile', 'Zed', 'ada'][Math.floor(random() * 6)]!,
        online: random() < 0.6,
        room: random() < 0.5 ? null : 'kitchen',
      }))
      const faces = random() < 0.15 ? null : Math.floor(random() * 40)
      const lists = firstScreenLists([...members], faces)
      const hallway = members.filter((member) => member.online && member.room === null).sort(compareByName)
      const offline = members.filter((member) => !member.online).sort(compareByName)
      const shownOffline = faces === null ? offline.length : Math.max(0, faces - hallway.length)
      const shownHallway = faces ?? hallway.length
      expect(lists.online).toBe(members.filter((member) => member.online).length)
      expect(ids(lists.hallway).sort()).toEqual(ids(hallway).sort())
      expect(ids(lists.offline).sort()).toEqual(ids(offline).sort())
      expect(ids(lists.hallway.slice(0, shownHallway))).toEqual(ids(hallway.slice(0, shownHallway)))
      expect(ids(lists.offline.slice(0, shownOffline))).toEqual(ids(offline.slice(0, shownOffline)))
    }
  })

  it('orders whole lists when every face is shown', () => {
    const members = [
      { id: 'c', name: 'Cy', online: true, room: null },
      { id: 'a', name: 'Ada', online: false, room: null },
      { id: 'b', name: 'Bo', online: true, room: null },
      { id: 'd', name: 'Al', online: false, room: 'kitchen' },
    ]
    expect(firstScreenLists(members, null)).toEqual({ hallway: [members[2], members[0]], offline: [members[1], members[3]], online: 2 })
  })
})
