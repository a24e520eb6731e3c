// What a read marker costs the disk (issue 14): fsyncs per 100 marker messages in the SQLite store,
// committed one transaction per message (window 0, how the server stored them before) against one
// per window, counted by strace on a process that does only this. A burst is a reconnect wave (every
// member's core re-sends its markers on connect); spread is 40 messages a second.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { READ_MARKER_WINDOW_MS } from '../../server/store/sqlite-read-markers'
import { tempDir } from '../../server/testing/harness'
import type { Figure } from '../presence'

const MARKERS = 100
const SPREAD_GAP_MS = 25

function hasStrace(): boolean {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** fsync and fdatasync calls of one child run, every thread counted. */
function fsyncs(windowMs: number, markers: number, gapMs: number): number {
  const dir = tempDir('hallway-bench-marker-commits-')
  const out = join(dir, 'strace.txt')
  const child = join(import.meta.dirname, 'commit-child.ts')
  execFileSync('strace', ['-f', '-c', '-e', 'trace=fsync,fdatasync', '-o', out, process.execPath, '--import', 'tsx', child, dir, String(windowMs), String(markers), String(gapMs)], { stdio: 'ignore' })
  const total = /^\S+\s+\S+\s+\S*\s*(\d+)\s+(?:\d+\s+)?total$/m.exec(readFileSync(out, 'utf8'))
  return total ? Number(total[1]) : 0
}

/** Per 100 markers: the run's fsyncs less those of a run that opens and closes the store only. */
function perHundred(windowMs: number, gapMs: number): number {
  return fsyncs(windowMs, MARKERS, gapMs) - fsyncs(windowMs, 0, 0)
}

export function runMarkerCommitsBench(): Figure[] {
  if (!hasStrace()) {
    console.log('read-marker fsyncs: not run: strace not installed')
    return []
  }
  const window = `one commit per ${READ_MARKER_WINDOW_MS} ms window`
  return [
    { name: `fsyncs per ${MARKERS} marker messages, a burst, ${window}`, value: perHundred(READ_MARKER_WINDOW_MS, 0), unit: 'fsyncs', baseline: { name: 'one commit per message', value: perHundred(0, 0) } },
    { name: `fsyncs per ${MARKERS} marker messages, 40 a second, ${window}`, value: perHundred(READ_MARKER_WINDOW_MS, SPREAD_GAP_MS), unit: 'fsyncs', baseline: { name: 'one commit per message', value: perHundred(0, SPREAD_GAP_MS) } },
  ]
}
