import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { memoryStorage } from '../ui/testing/memory-storage'
import { storedViewSnapshots, viewSnapshotKey, viewSnapshotSaver } from './view-snapshot-store'

const owner = { teamId: 't1', userId: 'ada' }
const SERVER = 'https://hallway.example'

// The saver's clock is its timers: fake ones step it without waiting.
beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())

function saverWithRequests() {
  const storage = memoryStorage()
  const snapshots = storedViewSnapshots(SERVER, owner, () => storage)
  let requests = 0
  const saver = viewSnapshotSaver(() => requests++, snapshots)
  return { storage, saver, requests: () => requests }
}

describe('saving the office view', () => {
  it('asks the core for the saved text once the office settles for a second, once for a burst of changes', () => {
    const { saver, requests } = saverWithRequests()
    saver.changed()
    vi.advanceTimersByTime(500)
    saver.changed()
    vi.advanceTimersByTime(999)
    expect(requests()).toBe(0)
    vi.advanceTimersByTime(1)
    expect(requests()).toBe(1)
    vi.advanceTimersByTime(10_000)
    expect(requests()).toBe(1)
  })

  it('while the office never settles, still asks at least every five seconds', () => {
    const { saver, requests } = saverWithRequests()
    for (let ms = 0; ms < 15_000; ms += 200) {
      saver.changed()
      vi.advanceTimersByTime(200)
    }
    expect(requests()).toBe(3)
  })

  it("stores the core's text as it came, drops the old one when the core says it is too big, and stores nothing once stopped", () => {
    const { storage, saver } = saverWithRequests()
    const key = viewSnapshotKey(SERVER, owner)
    saver.received('{"saved":1}')
    expect(storage.getItem(key)).toBe('{"saved":1}')
    saver.received(null)
    expect(storage.getItem(key)).toBeNull()
    saver.received('{"saved":2}')
    saver.stop()
    saver.received('{"saved":3}')
    expect(storage.getItem(key)).toBe('{"saved":2}')
  })

  it('asks nothing after a stop', () => {
    const { saver, requests } = saverWithRequests()
    saver.changed()
    saver.stop()
    saver.changed()
    vi.advanceTimersByTime(10_000)
    expect(requests()).toBe(0)
  })
})
