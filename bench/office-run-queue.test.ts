import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { busiestBetween, descendantsOf, parseSchedStat, schedStatsUnder } from './office-run-queue'

describe('parseSchedStat', () => {
  it('reads the three cumulative figures, and refuses anything else', () => {
    expect(parseSchedStat('5123000 812000 42\n')).toEqual({ cpuNs: 5123000, waitNs: 812000, slices: 42 })
    for (const bad of ['', '1 2', '1 2 3 4', '1 -2 3', 'a b c']) expect(parseSchedStat(bad)).toBeNull()
  })
})

describe('descendantsOf', () => {
  it('finds children and grandchildren, not siblings or the root itself', () => {
    const parents = new Map([
      [10, 1],
      [11, 10],
      [12, 11],
      [13, 10],
      [20, 1],
    ])
    expect(descendantsOf(10, parents).sort()).toEqual([11, 12, 13])
    expect(descendantsOf(12, parents)).toEqual([])
  })
})

describe('busiestBetween', () => {
  it('picks the thread that ran the most CPU in between, with its wait and slices; a thread seen once does not count', () => {
    const before = new Map([
      [1, { cpuNs: 0, waitNs: 0, slices: 0 }],
      [2, { cpuNs: 1e9, waitNs: 5e6, slices: 10 }],
    ])
    const after = new Map([
      [1, { cpuNs: 2e6, waitNs: 1e6, slices: 3 }],
      [2, { cpuNs: 1.5e9, waitNs: 805e6, slices: 110 }],
      [3, { cpuNs: 9e9, waitNs: 0, slices: 1 }],
    ])
    expect(busiestBetween(before, after)).toEqual({ pid: 2, cpuMs: 500, waitMs: 800, slices: 100 })
    expect(busiestBetween(new Map(), after)).toBeNull()
  })
})

describe('schedStatsUnder (this machine\'s /proc)', () => {
  it('finds a child process by its command line and sees the CPU it ran', async () => {
    const marker = `--bench-run-queue-${process.pid}`
    // The child spins until told to stop on stdin, so it is alive while read; the marker after -- is its argument, not node's.
    const child = spawn(process.execPath, ['-e', "let n = 0; process.stdin.once('data', () => process.exit(0)); const spin = () => { for (let i = 0; i < 2e6; i++) n += i; setImmediate(spin) }; spin(); process.stdout.write('up')", '--', marker], { stdio: ['pipe', 'pipe', 'inherit'] })
    try {
      await once(child.stdout!, 'data')
      const before = schedStatsUnder(process.pid, marker)
      expect([...before.keys()]).toEqual([child.pid])
      await new Promise<void>((resolve) => {
        const poll = () => (schedStatsUnder(process.pid, marker).get(child.pid!)!.cpuNs > before.get(child.pid!)!.cpuNs ? resolve() : setImmediate(poll))
        poll()
      })
      const ran = busiestBetween(before, schedStatsUnder(process.pid, marker))
      expect(ran?.pid).toBe(child.pid)
      expect(ran!.cpuMs).toBeGreaterThan(0)
      expect(schedStatsUnder(process.pid, `${marker}-absent`).size).toBe(0)
    } finally {
      child.stdin!.write('stop')
      await once(child, 'exit')
    }
  })
})
