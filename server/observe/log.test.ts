import { describe, expect, it } from 'vitest'
import { createLogger, isoTimestamp } from './log'

describe('log timestamps', () => {
  it('formats an instant exactly as Date#toISOString does (leap day, year end, padded milliseconds)', () => {
    const instants = [0, 1, 951_782_400_007, 1_709_208_000_999, 1_735_689_599_999, 1_735_689_600_000, 4_102_444_800_050, Date.UTC(2026, 11, 3, 9, 5, 7, 40)]
    for (const ms of instants) expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString())
  })

  it('stamps every line with the time it was written', () => {
    const lines: string[] = []
    const before = Date.now()
    createLogger({ write: (line) => lines.push(line) }).info('hello', { doc: 'd' })
    const after = Date.now()
    const record = JSON.parse(lines[0]!) as { t: string; level: string; msg: string; doc: string }
    expect(record).toMatchObject({ level: 'info', msg: 'hello', doc: 'd' })
    expect(record.t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(Date.parse(record.t)).toBeGreaterThanOrEqual(before)
    expect(Date.parse(record.t)).toBeLessThanOrEqual(after)
  })
})
