import { afterEach, describe, expect, it, vi } from 'vitest'
import type { OfficeView } from '../../shared/contract/view'
import type { TrayMessage } from '../../shared/contract/main-to-core'
import { publishTraySummaries } from './tray-publisher'

afterEach(() => vi.useRealTimers())

function view(room: string | null, mic: boolean): OfficeView {
  return {
    team: { id: 't', name: 'T' },
    me: { userId: 'u', room, mic, cam: false, screen: false, holdsMedia: room !== null, managesRooms: false, callElsewhere: null, knock: null, pull: null, pulls: [], mentions: [], lastAnswer: null },
    connection: { state: 'online', detail: null },
    rooms: { a: { id: 'a', name: 'A', kind: 'open', door: 'open', capacity: 0, order: 0, floor: 'Main floor', occupants: room ? ['u'] : [], knocks: [], unread: 0 } },
    members: {},
    callMarks: {},
    discussions: {},
  }
}

describe('publishTraySummaries', () => {
  it('sends the first summary at once, then only changes, at most once per interval', () => {
    vi.useFakeTimers()
    let listener: (view: OfficeView) => void = () => {}
    const posted: TrayMessage[] = []
    const stop = publishTraySummaries((l) => ((listener = l), () => {}), (m) => void posted.push(m), 250)

    listener(view(null, false))
    vi.advanceTimersByTime(0)
    expect(posted.map((m) => m.summary.me.room)).toEqual([null])

    listener(view('a', true))
    listener(view('a', false))
    vi.advanceTimersByTime(249)
    expect(posted).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(posted.map((m) => [m.summary.me.room, m.summary.me.mic])).toEqual([[null, false], ['a', false]])

    listener(view('a', false))
    vi.advanceTimersByTime(1_000)
    expect(posted).toHaveLength(2)
    stop()
  })
})
