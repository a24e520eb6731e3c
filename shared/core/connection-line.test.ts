import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CloseCode } from '../contract/close-codes'
import { ADMISSION_WAIT_MS, ConnectionLine } from './connection-line'

describe('ConnectionLine admission wait', () => {
  const lines: ConnectionLine[] = []
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => {
    for (const line of lines.splice(0)) line.close()
    vi.useRealTimers()
  })
  const open = (changed = vi.fn()) => {
    const line = new ConnectionLine(changed)
    lines.push(line)
    return { line, changed }
  }

  it('says connecting while the server neither admits nor closes, then offline once the wait runs out, telling the core once', () => {
    const { line, changed } = open()
    vi.advanceTimersByTime(ADMISSION_WAIT_MS - 1)
    expect(line.view().state).toBe('connecting')
    expect(changed).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(line.view()).toEqual({ state: 'offline', detail: null })
    expect(changed).toHaveBeenCalledTimes(1)
    // A late admission still brings it online.
    line.connected()
    expect(line.view().state).toBe('online')
  })

  it('stays online, closed or denied as the link put it when the wait runs out later', () => {
    const admitted = open()
    admitted.line.connected()
    const refused = open()
    refused.line.closed(1006)
    const denied = open()
    denied.line.closed(CloseCode.badToken)
    vi.advanceTimersByTime(ADMISSION_WAIT_MS)
    expect([admitted.line.view().state, refused.line.view().state, denied.line.view().state]).toEqual(['online', 'offline', 'denied'])
    for (const { changed } of [admitted, refused, denied]) expect(changed).not.toHaveBeenCalled()
  })

  it('waits again, in full, for the fresh replica after a refused write', () => {
    const { line, changed } = open()
    line.connected()
    vi.advanceTimersByTime(ADMISSION_WAIT_MS)
    line.resyncing()
    vi.advanceTimersByTime(ADMISSION_WAIT_MS - 1)
    expect(line.view().state).toBe('connecting')
    vi.advanceTimersByTime(1)
    expect(line.view().state).toBe('offline')
    expect(changed).toHaveBeenCalledTimes(1)
  })
})
