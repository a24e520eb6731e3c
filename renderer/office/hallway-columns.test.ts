import { describe, expect, it } from 'vitest'
import { HALLWAY_MIN_COLUMNS, hallwayColumns, hallwayWidthPx } from './hallway-columns'

describe('hallwayColumns', () => {
  it('keeps five faces a row (the 260px column) while the hallway fits in the window', () => {
    expect(hallwayColumns(48, 900)).toBe(HALLWAY_MIN_COLUMNS)
    expect(hallwayWidthPx(HALLWAY_MIN_COLUMNS)).toBe(260)
  })

  it('widens for a crowd so that every row fits in the window: 301 at 900px tall is 15 rows of 21', () => {
    expect(hallwayColumns(301, 900)).toBe(21)
    expect(Math.ceil(301 / hallwayColumns(301, 900)) * 46).toBeLessThanOrEqual(900 - 200)
  })

  it('widens further under a banner or a call bar: 301 under 150px of them at 900px tall is 11 rows of 28', () => {
    expect(hallwayColumns(301, 900, 150)).toBe(28)
    expect(Math.ceil(301 / hallwayColumns(301, 900, 150)) * 46).toBeLessThanOrEqual(900 - 200 - 150)
    expect(hallwayColumns(301, 900, Number.NaN)).toBe(hallwayColumns(301, 900))
  })

  it('needs fewer columns in a taller window', () => {
    expect(hallwayColumns(301, 1080)).toBeLessThan(hallwayColumns(301, 900))
  })

  it('falls back to five columns for a window it cannot measure or an empty hallway', () => {
    expect(hallwayColumns(300, 0)).toBe(HALLWAY_MIN_COLUMNS)
    expect(hallwayColumns(300, Number.NaN)).toBe(HALLWAY_MIN_COLUMNS)
    expect(hallwayColumns(0, 900)).toBe(HALLWAY_MIN_COLUMNS)
  })
})
