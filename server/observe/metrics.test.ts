import { afterEach, describe, expect, it, vi } from 'vitest'
import { Metrics } from './metrics'

const gauges = { connections: 0, docsLoaded: 0, awarenessClocks: 0, draining: false }

describe('GET /metrics text', () => {
  afterEach(() => vi.restoreAllMocks())

  it('orders label values by code unit and never asks ICU to collate (its data is ~2.8 MB of RSS once loaded)', () => {
    const collate = vi.spyOn(String.prototype, 'localeCompare').mockImplementation(() => {
      throw new Error('localeCompare on the /metrics path')
    })
    const metrics = new Metrics()
    for (const reason of ['rate-limited', 'ä-reason', 'Z-reason', 'a-reason']) metrics.countRefusal(reason)
    for (const kind of ['update', 'Awareness', 'renewal']) metrics.fanout.observe(kind, 0.001)
    const text = metrics.render(gauges)
    expect(collate).not.toHaveBeenCalled()
    const refusals = [...text.matchAll(/^hallway_refusals_total\{reason="([^"]+)"\} 1$/gm)].map((m) => m[1])
    // A locale order would put 'a-reason' first and 'Z-reason' after 'rate-limited'.
    expect(refusals).toEqual(['Z-reason', 'a-reason', 'rate-limited', 'ä-reason'])
    const kinds = [...text.matchAll(/^hallway_fanout_seconds_count\{kind="([^"]+)"\} 1$/gm)].map((m) => m[1])
    expect(kinds).toEqual(['Awareness', 'renewal', 'update'])
  })
})
