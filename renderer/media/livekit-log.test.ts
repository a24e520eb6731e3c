// The installer against livekit-client's real loggers and the real console: what reaches the
// console, and at which level, once routeLivekitLogs is installed.
import { ConnectionError, DisconnectReason, getLogger, LoggerNames, setLogLevel, type ConnectionState } from 'livekit-client'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { routeLivekitLogs } from './livekit-log'

// loglevel binds the console's methods when it builds a logger's methods: watch them before that.
const printed = {
  info: vi.spyOn(console, 'info').mockImplementation(() => {}),
  warn: vi.spyOn(console, 'warn').mockImplementation(() => {}),
  error: vi.spyOn(console, 'error').mockImplementation(() => {}),
}
let roomState: `${ConnectionState}` = 'connected'

beforeAll(() => {
  routeLivekitLogs(() => roomState)
  // A second install (a second call on the same page) must not wrap the loggers twice.
  routeLivekitLogs(() => 'disconnected')
})

afterEach(() => {
  for (const spy of Object.values(printed)) spy.mockClear()
  setLogLevel('info')
})

/** How livekit-client's Room, engine and signal client log: a named logger with the room's context. */
const logOf = (name: LoggerNames) => getLogger(name, () => ({ room: 't1.kitchen', participant: 'ada' }))

describe('routeLivekitLogs', () => {
  it('prints a known reconnect line as info, with its message and context', () => {
    roomState = 'connected'
    const error = ConnectionError.websocket('WS closed unexpectedly with code 1006')
    logOf(LoggerNames.Signal).error('error reading from signal stream', { error })
    expect(printed.error).not.toHaveBeenCalled()
    expect(printed.info).toHaveBeenCalledTimes(1)
    expect(printed.info).toHaveBeenCalledWith('error reading from signal stream', { room: 't1.kitchen', participant: 'ada', error })
  })

  it('reads the room state at each line: the same line is lowered only while reconnecting', () => {
    const refused = { error: ConnectionError.leaveRequest('Received leave request while trying to (re)connect', DisconnectReason.STATE_MISMATCH) }
    roomState = 'signalReconnecting'
    logOf(LoggerNames.Engine).error('Received leave request while trying to (re)connect', refused)
    roomState = 'connected'
    logOf(LoggerNames.Engine).error('Received leave request while trying to (re)connect', refused)
    expect(printed.info).toHaveBeenCalledTimes(1)
    expect(printed.error).toHaveBeenCalledTimes(1)
  })

  it('still prints an unknown livekit error as an error, and an unknown warning as a warning, from every logger', () => {
    roomState = 'reconnecting'
    for (const name of Object.values(LoggerNames)) {
      logOf(name).error('error trying to re-publish tracks after reconnection', { error: new Error('boom') })
      getLogger(name).warn('could not recover connection after 3 attempts, 20000ms. giving up')
    }
    const loggers = Object.values(LoggerNames).length
    expect(printed.error).toHaveBeenCalledTimes(loggers)
    expect(printed.error).toHaveBeenLastCalledWith('error trying to re-publish tracks after reconnection', expect.objectContaining({ error: expect.any(Error) }))
    expect(printed.warn).toHaveBeenCalledTimes(loggers)
    expect(printed.info).not.toHaveBeenCalled()
  })

  it('prints a line logged without a context with nothing added', () => {
    roomState = 'connected'
    getLogger(LoggerNames.Engine).warn('signal disconnected')
    getLogger(LoggerNames.Room).error('cannot send signal request before connected')
    expect(printed.info).toHaveBeenCalledWith('signal disconnected')
    expect(printed.error).toHaveBeenCalledWith('cannot send signal request before connected')
  })

  it('keeps the level chosen with setLogLevel: at warn, a lowered line is not printed and errors still are', () => {
    roomState = 'connected'
    setLogLevel('warn')
    logOf(LoggerNames.Engine).warn('signal disconnected')
    logOf(LoggerNames.Engine).error('DataChannel error on reliable: closed')
    expect(printed.info).not.toHaveBeenCalled()
    expect(printed.warn).not.toHaveBeenCalled()
    expect(printed.error).toHaveBeenCalledTimes(1)
  })
})
