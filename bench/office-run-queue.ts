// How long the office page's main thread waited for a core: the kernel's per-thread CPU time and
// run-queue wait (/proc/<pid>/task/<tid>/schedstat), read before and after a load minute for every
// renderer this bench's browser runs. Reading it costs the page nothing, unlike a trace, so it says
// for every minute whether the machine or the page made a task long. Linux only; elsewhere empty.
import { readdirSync, readFileSync } from 'node:fs'

/** A thread's cumulative scheduler figures, ns: time on a CPU, time runnable but waiting for one, and its time slices. */
export interface SchedStat {
  cpuNs: number
  waitNs: number
  slices: number
}

/** Over a load minute, the renderer main thread that ran the most: its CPU time and its wait for a core, ms. */
export interface RunQueue {
  pid: number
  cpuMs: number
  waitMs: number
  slices: number
}

/** Parses a schedstat line ("<cpu ns> <wait ns> <slices>"); null if it is not one. */
export function parseSchedStat(text: string): SchedStat | null {
  const fields = text.trim().split(/\s+/).map(Number)
  if (fields.length !== 3 || !fields.every((field) => Number.isInteger(field) && field >= 0)) return null
  const [cpuNs, waitNs, slices] = fields as [number, number, number]
  return { cpuNs, waitNs, slices }
}

/** The processes under `root` (children, grandchildren…), from each process's parent. */
export function descendantsOf(root: number, parents: ReadonlyMap<number, number>): number[] {
  const children = new Map<number, number[]>()
  for (const [pid, parent] of parents) children.set(parent, [...(children.get(parent) ?? []), pid])
  const found: number[] = []
  const queue = [...(children.get(root) ?? [])]
  while (queue.length > 0) {
    const pid = queue.shift()!
    found.push(pid)
    queue.push(...(children.get(pid) ?? []))
  }
  return found
}

const readOrNull = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

/** Every process's parent, from /proc/<pid>/stat (the field after the parenthesised name, which may hold spaces). */
function processParents(): Map<number, number> {
  const parents = new Map<number, number>()
  let entries: string[] = []
  try {
    entries = readdirSync('/proc')
  } catch {
    return parents
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    const stat = readOrNull(`/proc/${entry}/stat`)
    const parent = stat === null ? NaN : Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (Number.isInteger(parent)) parents.set(Number(entry), parent)
  }
  return parents
}

/** The main thread's scheduler figures of each process under `root` whose command line has `marker` (e.g. a renderer's --type=renderer). */
export function schedStatsUnder(root: number, marker: string): Map<number, SchedStat> {
  const stats = new Map<number, SchedStat>()
  for (const pid of descendantsOf(root, processParents())) {
    // A substring: a zygote-forked renderer may have its arguments rewritten into one string.
    if (!(readOrNull(`/proc/${pid}/cmdline`) ?? '').includes(marker)) continue
    const stat = parseSchedStat(readOrNull(`/proc/${pid}/task/${pid}/schedstat`) ?? '')
    if (stat) stats.set(pid, stat)
  }
  return stats
}

/** Of the threads seen both times, the one that ran the most in between, with what it ran and waited; null if none. */
export function busiestBetween(before: ReadonlyMap<number, SchedStat>, after: ReadonlyMap<number, SchedStat>): RunQueue | null {
  let busiest: RunQueue | null = null
  for (const [pid, end] of after) {
    const start = before.get(pid)
    if (!start) continue
    const ran = { pid, cpuMs: (end.cpuNs - start.cpuNs) / 1e6, waitMs: (end.waitNs - start.waitNs) / 1e6, slices: end.slices - start.slices }
    if (busiest === null || ran.cpuMs > busiest.cpuMs) busiest = ran
  }
  return busiest
}

/** Starts watching this process's browser's renderers; stop() says how the page's main thread ran meanwhile. */
export function watchRendererRunQueue(): { stop(): RunQueue | null } {
  const renderers = () => schedStatsUnder(process.pid, '--type=renderer')
  const before = renderers()
  return { stop: () => busiestBetween(before, renderers()) }
}
