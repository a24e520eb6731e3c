import { describe, expect, it } from 'vitest'
import type { CallActivity } from '../../shared/contract/call-activity'
import { callActivityOf, reportCallActivity, type ReportedController } from './call-activity-report'
import type { CallSnapshot, MemberMedia } from './call-snapshot'

const media = (identity: string, patch: Partial<MemberMedia> = {}): MemberMedia => ({
  identity, name: identity, mic: true, camera: false, screen: false, speaking: false, quality: 'excellent', ...patch,
})
const snapshot = (patch: Partial<CallSnapshot> = {}): CallSnapshot => ({
  connection: 'connected', failure: null, audioBlocked: false, cameraStep: 'full', notice: null,
  local: media('ada'), remotes: [media('bob', { speaking: true, quality: 'poor' })], ...patch,
})

describe('what the media host reports about my call', () => {
  it('names every member with their speaking and link quality, me included', () => {
    expect(callActivityOf('kitchen', snapshot())).toEqual({
      roomId: 'kitchen',
      members: [
        { userId: 'ada', speaking: false, quality: 'excellent' },
        { userId: 'bob', speaking: true, quality: 'poor' },
      ],
    })
  })

  it('reports no one without a connected call', () => {
    const none = { roomId: null, members: [] }
    expect(callActivityOf('kitchen', snapshot({ connection: 'reconnecting' }))).toEqual(none)
    expect(callActivityOf('kitchen', null)).toEqual(none)
    expect(callActivityOf(null, snapshot())).toEqual(none)
  })
})

class FakeCall {
  current = snapshot()
  listeners = new Set<(s: CallSnapshot) => void>()
  snapshot = () => this.current
  onChange = (listener: (s: CallSnapshot) => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  change(patch: Partial<CallSnapshot>) {
    this.current = { ...this.current, ...patch }
    for (const listener of this.listeners) listener(this.current)
  }
}

function fakeController() {
  let held: FakeCall | null = null
  let roomId: string | null = null
  const listeners = new Set<() => void>()
  const controller: ReportedController = {
    state: () => ({ roomId }),
    call: () => held,
    onChange: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  const hold = (call: FakeCall | null, room: string | null) => {
    held = call
    roomId = room
    for (const listener of listeners) listener()
  }
  return { controller, hold }
}

describe('reporting the call as it changes', () => {
  it('reports each distinct activity once, follows the held call and stops cleanly', () => {
    const { controller, hold } = fakeController()
    const reports: CallActivity[] = []
    const stop = reportCallActivity(controller, (activity) => reports.push(activity))
    expect(reports).toEqual([{ roomId: null, members: [] }])

    const call = new FakeCall()
    hold(call, 'kitchen')
    expect(reports.at(-1)?.members.find((m) => m.userId === 'bob')?.speaking).toBe(true)
    call.change({ notice: 'Camera paused' })
    expect(reports).toHaveLength(2)

    call.change({ remotes: [media('bob', { speaking: false, quality: 'poor' })] })
    expect(reports.at(-1)?.members.find((m) => m.userId === 'bob')?.speaking).toBe(false)

    hold(null, null)
    expect(reports.at(-1)).toEqual({ roomId: null, members: [] })
    call.change({ local: media('ada', { speaking: true }) })
    expect(reports).toHaveLength(4)

    stop()
    hold(new FakeCall(), 'kitchen')
    expect(reports).toHaveLength(4)
  })
})
