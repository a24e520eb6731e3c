import { describe, expect, it } from 'vitest'
import { HALLWAY_MIN_COLUMNS, hallwayColumns, hallwayColumnsAtMost, hallwayPlan, hallwayWidthPx } from './hallway-columns'

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

// 1440×900's office body is 1392px wide (the frame's 24px padding each side); its rooms keep 360px and the 20px gap.
describe('hallwayPlan', () => {
  it('gives the hallway at most the columns whose width leaves the rooms 380px: 21 in a 1392px body', () => {
    expect(hallwayColumnsAtMost(1392)).toBe(21)
    expect(hallwayWidthPx(21)).toBeLessThanOrEqual(1392 - 380)
    expect(hallwayWidthPx(22)).toBeGreaterThan(1392 - 380)
    expect(hallwayColumnsAtMost(400)).toBe(HALLWAY_MIN_COLUMNS)
    expect(hallwayColumnsAtMost(Number.NaN)).toBe(HALLWAY_MIN_COLUMNS)
  })

  it('keeps my call above the hallway while the columns it asks for fit: 150 under a 226px call bar', () => {
    expect(hallwayPlan(150, 900, 1392, 0, 226)).toEqual({ columns: hallwayColumns(150, 900, 226), callBeside: false })
    expect(hallwayPlan(150, 900, 1392, 0, 226).columns).toBeLessThanOrEqual(21)
  })

  it('puts my call beside the hallway when its rows would ask for more columns than fit: 300 under a 226px call bar ask for 30', () => {
    expect(hallwayColumns(300, 900, 226)).toBe(30)
    expect(hallwayPlan(300, 900, 1392, 0, 226)).toEqual({ columns: 20, callBeside: true })
    // Even the one-line note of a server without calls (45px with its margins) would ask for 22.
    expect(hallwayPlan(300, 900, 1392, 0, 45)).toEqual({ columns: 20, callBeside: true })
  })

  it('still counts the banners, which stay above everything', () => {
    expect(hallwayPlan(300, 900, 1392, 60, 226)).toEqual({ columns: hallwayColumns(300, 900, 60), callBeside: true })
  })

  it('leaves no call where it is, and an unmeasured body changes nothing', () => {
    expect(hallwayPlan(300, 900, 1392, 0, 0)).toEqual({ columns: hallwayColumns(300, 900), callBeside: false })
    expect(hallwayPlan(300, 900, 0, 0, 226)).toEqual({ columns: 30, callBeside: false })
    expect(hallwayPlan(300, 900, 1392, 0, Number.NaN)).toEqual({ columns: hallwayColumns(300, 900), callBeside: false })
  })
})
