import { describe, expect, it } from 'vitest'
import { stepUp } from './drawn-in-steps'

/** A task queue run by hand: each post is one task, so a test sees what each task set. */
function tasks() {
  const queue: (() => void)[] = []
  return {
    post: (run: () => void) => queue.push(run),
    runOne: () => queue.shift()?.(),
    get pending() {
      return queue.length
    },
  }
}

describe('stepUp', () => {
  it('raises the limit by one step a task, nothing in the calling task, and ends at Infinity once all are covered', () => {
    const queue = tasks()
    const set: number[] = []
    stepUp(100, () => 300, (limit) => set.push(limit), 30, queue.post)
    expect(set).toEqual([])
    const seen: number[][] = []
    while (queue.pending > 0) {
      queue.runOne()
      seen.push([...set])
    }
    expect(set).toEqual([130, 160, 190, 220, 250, 280, Infinity])
    // One value per task: no task drew two steps.
    expect(seen.map((values) => values.length)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('reads what is wanted afresh each step: a list that grows meanwhile is stepped to its new length', () => {
    const queue = tasks()
    const set: number[] = []
    let wanted = 50
    stepUp(0, () => wanted, (limit) => set.push(limit), 30, queue.post)
    queue.runOne()
    wanted = 100
    while (queue.pending > 0) queue.runOne()
    expect(set).toEqual([30, 60, 90, Infinity])
  })

  it('sets Infinity in its first task when the first frame already covered the list', () => {
    const queue = tasks()
    const set: number[] = []
    stepUp(100, () => 40, (limit) => set.push(limit), 30, queue.post)
    while (queue.pending > 0) queue.runOne()
    expect(set).toEqual([Infinity])
  })

  it('sets nothing more once stopped', () => {
    const queue = tasks()
    const set: number[] = []
    const stop = stepUp(0, () => 300, (limit) => set.push(limit), 30, queue.post)
    queue.runOne()
    stop()
    while (queue.pending > 0) queue.runOne()
    expect(set).toEqual([30])
  })
})
