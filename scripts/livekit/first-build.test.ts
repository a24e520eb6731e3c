import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildLivekitFirstRun, PROGRESS_EVERY_MS } from './first-build'

afterEach(() => void vi.useRealTimers())

/** A build that ends when the test says so, on a fake clock the test moves. */
function steps(hasGo = true) {
  vi.useFakeTimers()
  let finish!: (code: number | null) => void
  const lines: string[] = []
  return {
    lines,
    finish: (code: number | null) => finish(code),
    hasGo: () => hasGo,
    build: vi.fn(() => new Promise<number | null>((done) => (finish = done))),
    say: (line: string) => void lines.push(line),
    now: () => Date.now(),
  }
}

describe('the first run\'s LiveKit build (npm start)', () => {
  it('says it is building, then how long it has taken every 15 s, then that it is built', async () => {
    const build = steps()
    const built = buildLivekitFirstRun(build)
    expect(build.lines).toEqual(['building the LiveKit server for calls (first run only, about 4 minutes)…'])
    await vi.advanceTimersByTimeAsync(PROGRESS_EVERY_MS * 3)
    expect(build.lines.slice(1)).toEqual(['still building LiveKit… 15 s', 'still building LiveKit… 30 s', 'still building LiveKit… 45 s'])
    await vi.advanceTimersByTimeAsync(5_000)
    build.finish(0)
    expect(await built).toBe(true)
    expect(build.lines.at(-1)).toBe('LiveKit built in 50 s')
    // No progress line after the end.
    await vi.advanceTimersByTimeAsync(PROGRESS_EVERY_MS * 2)
    expect(build.lines).toHaveLength(5)
  })

  it('says a failed build failed and where to look, and starts nothing without Go', async () => {
    const failing = steps()
    const result = buildLivekitFirstRun(failing)
    failing.finish(2)
    expect(await result).toBe(false)
    expect(failing.lines.at(-1)).toBe('the LiveKit build failed (exit 2); see its output above')

    const noGo = steps(false)
    expect(await buildLivekitFirstRun(noGo)).toBe(false)
    expect(noGo.build).not.toHaveBeenCalled()
    expect(noGo.lines).toEqual([])
  })
})
