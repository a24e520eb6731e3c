import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHROMIUM, officeCores } from './office-cores'

const twoCores = availableParallelism() >= 2

describe('the office bench keeps its rig off the page core', () => {
  it('unpinned unless asked: Chromium itself', () => {
    const cores = officeCores('/nonexistent', false)
    expect(cores.chromium).toBe(CHROMIUM)
    expect(cores.layout).toMatch(/^unpinned \(OFFICE_BENCH_PINNED=1 pins it\)/)
  })

  // In a child process: pinning the test worker itself would slow every test after it.
  it.runIf(twoCores)('pinned: the process and what it starts run on core 1, Chromium is started on core 0, and restore gives the cores back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'office-cores-'))
    try {
      const script = `
        import { execFileSync } from 'node:child_process'
        import { affinityOf, officeCores } from './bench/office-cores.ts'
        const before = affinityOf(process.pid)
        const cores = officeCores(${JSON.stringify(dir)}, true)
        const child = execFileSync('sh', ['-c', 'taskset -p -c $$'], { encoding: 'utf8' }).trim()
        const during = affinityOf(process.pid)
        cores.restore()
        console.log(JSON.stringify({ before, during, child, after: affinityOf(process.pid), chromium: cores.chromium }))`
      const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })) as Record<string, string>
      expect(out.during).toBe('1')
      expect(out.child).toMatch(/: 1$/)
      expect(out.after).toBe(out.before)
      expect(out.after).not.toBe('1')
      expect(readFileSync(out.chromium!, 'utf8')).toContain(`exec taskset -c 0 ${CHROMIUM} "$@"`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
