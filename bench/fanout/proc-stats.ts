import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

/** Linux reports process CPU time in clock ticks of 1/100 s (CLK_TCK on every mainstream build). */
const TICKS_PER_SECOND = 100

/** CPU seconds a process has used so far in user space and in the kernel, from /proc/<pid>/stat. */
export function cpuSplitSeconds(pid: number): { user: number; kernel: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name may hold spaces and parentheses; fields are counted after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return { user: Number(fields[11]) / TICKS_PER_SECOND, kernel: Number(fields[12]) / TICKS_PER_SECOND }
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const { user, kernel } = cpuSplitSeconds(pid)
  return user + kernel
}

/** Resident set size in bytes, from /proc/<pid>/status. */
export function rssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!match) throw new Error(`no VmRSS for process ${pid}`)
  return Number(match[1]) * 1024
}

/** The lowest of a few RSS samples: RSS only settles downward once start-up garbage is collected. */
export async function settledRss(pid: number): Promise<number> {
  let lowest = Infinity
  for (let i = 0; i < 5; i++) {
    await sleep(400)
    lowest = Math.min(lowest, rssBytes(pid))
  }
  return lowest
}

/** Settled RSS after a full garbage collection, in a server started with `gcOnSignal` (server-process.ts). */
export async function fullGcRss(pid: number): Promise<number> {
  process.kill(pid, 'SIGUSR2')
  return settledRss(pid)
}
