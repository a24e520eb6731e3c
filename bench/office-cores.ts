// The office bench's rig off the page's core, when asked (OFFICE_BENCH_PINNED=1). The sync server,
// the 300 crowd members and the writers stand in for other people's machines, yet on this 2-core box
// they share the page's cores. Pinned, the rig runs on one core (this process and every child it
// starts afterwards inherit it) and Chromium on the other, as issue 14 pins its load generator. Not
// the default: measured (bench/office.md, s14), the rig alone caused no long task either way, and
// Chromium on one core puts its raster beside its main thread (a reload's paint up to 2× slower).
import { execFileSync } from 'node:child_process'
import { chmodSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { pin } from './capacity/peers'

export const CHROMIUM = '/usr/bin/chromium'
const PAGE_CORE = '0'
const RIG_CORE = '1'

export interface OfficeCores {
  /** The executable to launch Chromium with: CHROMIUM itself, or a wrapper that starts it on the page's core. */
  chromium: string
  /** How the run was laid out, for the report. */
  layout: string
  /** Gives this process back the cores it had. */
  restore(): void
}

export function officeCores(scratchDir: string, pinned = process.env.OFFICE_BENCH_PINNED === '1'): OfficeCores {
  const unpinned = (why: string): OfficeCores => ({ chromium: CHROMIUM, layout: `unpinned (${why})`, restore: () => {} })
  if (!pinned) return unpinned('OFFICE_BENCH_PINNED=1 pins it')
  if (availableParallelism() < 2) return unpinned(`${availableParallelism()} core`)
  const before = affinityOf(process.pid)
  pin(process.pid, RIG_CORE)
  const wrapper = join(scratchDir, 'chromium-on-page-core')
  writeFileSync(wrapper, `#!/bin/sh\nexec taskset -c ${PAGE_CORE} ${CHROMIUM} "$@"\n`)
  chmodSync(wrapper, 0o755)
  return {
    chromium: wrapper,
    layout: `pinned: Chromium on core ${PAGE_CORE}; the server, crowd, writers and this process on core ${RIG_CORE}`,
    restore: () => pin(process.pid, before),
  }
}

/** A process's CPU affinity list, as taskset prints it (e.g. "0,1" or "0-3"). */
export function affinityOf(pid: number): string {
  const line = execFileSync('taskset', ['-p', '-c', String(pid)], { encoding: 'utf8' })
  const list = line.slice(line.lastIndexOf(':') + 1).trim()
  if (!/^[\d,-]+$/.test(list)) throw new Error(`taskset printed no affinity list for ${pid}: ${JSON.stringify(line)}`)
  return list
}
