// Which level one of livekit-client's log lines is shown at. An SFU restart makes livekit-client's
// own reconnect code log warnings and errors on every member's page while the call comes back by
// itself (issue 12): those known lines, in the state they belong to, are shown as info; every
// other line keeps its level. Pure: the installer (livekit-log.ts) carries the answer out.
import type { ConnectionState } from 'livekit-client'
import { isObject } from '../../shared/contract/value-checks'

export type LivekitLogMethod = 'trace' | 'debug' | 'info' | 'warn' | 'error'

/** One call of a livekit-client logger, and the page Room's state when it was made. */
export interface LivekitLogLine {
  method: LivekitLogMethod
  /** What livekit-client passed first: usually a string, sometimes an Error. */
  message: unknown
  /** What it passed second: its context object (with `error` for failures), or nothing. */
  context: unknown
  roomState: `${ConnectionState}`
}

type Known = {
  method: 'warn' | 'error'
  /** The message, or how to tell it when it is the failure's own message. */
  message: string | ((line: LivekitLogLine) => boolean)
  /** The state and detail in which the line is part of a reconnect that livekit-client handles. */
  expected: (line: LivekitLogLine) => boolean
}

/** livekit-client's ConnectionErrorReason names for an SFU that refused a resume or was not up. */
const resumeRefusals = ['LeaveRequest', 'WebSocket', 'ServerUnreachable']

const inCall = (line: LivekitLogLine) => line.roomState === 'connected' || reconnecting(line)
const reconnecting = (line: LivekitLogLine) => line.roomState === 'reconnecting' || line.roomState === 'signalReconnecting'

function contextField(line: LivekitLogLine, key: string): unknown {
  return isObject(line.context) ? line.context[key] : undefined
}

function errorField(line: LivekitLogLine, key: 'name' | 'message' | 'reasonName'): unknown {
  const error = contextField(line, 'error')
  return isObject(error) ? error[key] : undefined
}

/**
 * livekit-client 2.23's reconnect lines, in the order an SFU restart logs them. A line gone from a
 * later livekit-client simply stops matching and shows at its own level again.
 */
const reconnectLines: readonly Known[] = [
  // The signal socket dropped (SignalClient's reader, WebSocketStream's close): the SFU is gone.
  // Any other read failure (a message that does not parse) stays an error.
  {
    method: 'error',
    message: 'error reading from signal stream',
    expected: (line) =>
      inCall(line) && errorField(line, 'reasonName') === 'WebSocket' && /^WS closed unexpectedly/.test(String(errorField(line, 'message'))),
  },
  // The engine noticed that drop and schedules a reconnect; if it gives up it says so in a warning
  // of its own ("could not recover connection …"), which is kept, and the call bar shows the failure.
  { method: 'warn', message: 'signal disconnected', expected: inCall },
  // A resume attempt that failed logs its error's own message; the engine tries again. Seen: the
  // restarted SFU does not know the old session ("Received leave request while trying to
  // (re)connect": a full reconnect follows), or the SFU is not up yet: its socket is refused
  // ("Encountered websocket error during connection establishment") and so is the fetch that asks
  // why (the browser's own message, "Failed to fetch" in Chromium).
  {
    method: 'error',
    message: (line) => typeof line.message === 'string' && line.message === errorField(line, 'message'),
    expected: (line) => reconnecting(line) && resumeRefusals.includes(String(errorField(line, 'reasonName'))),
  },
  // The engine's reconnect loop going round again: an attempt failed, or a full reconnect was asked
  // for while a resume succeeded (then the room reads 'connected' for a moment).
  { method: 'warn', message: 'reconnect disconnected', expected: inCall },
  // A full reconnect's join that found no SFU; it tries again.
  { method: 'warn', message: (line) => /^Couldn't connect to server, attempt \d+ of \d+$/.test(String(line.message)), expected: reconnecting },
  // The full reconnect republishes every local track: unpublishing each first asks the new
  // publisher connection to remove the old connection's sender, which it refuses.
  {
    method: 'warn',
    message: 'failed to remove track',
    expected: (line) => reconnecting(line) && errorField(line, 'name') === 'InvalidAccessError',
  },
  // A camera turned off is a muted publication whose capture is stopped: republished, it has no
  // frame to measure, and the default size is what it gets when it is turned on again.
  {
    method: 'error',
    message: 'could not determine track dimensions, using defaults',
    expected: (line) => reconnecting(line) && contextField(line, 'muted') === true,
  },
  // Our own leave while a connect or reconnect attempt runs (the member walked out, or another of
  // their devices took the call): livekit-client aborts the attempt and warns that it did.
  {
    method: 'warn',
    message: 'Abort connection attempt due to user initiated disconnect',
    expected: (line) => line.roomState === 'connecting' || inCall(line),
  },
  // The same leave rejects the reconnect still pending. livekit-client warns of it once the room
  // is closing, which it may already read as 'disconnected'. When livekit-client itself gives up,
  // this line comes too, after the "could not recover connection" warning that is kept.
  {
    method: 'warn',
    message: 'Got disconnected during reconnection attempt',
    expected: (line) => reconnecting(line) || line.roomState === 'disconnected',
  },
]

/** The level to show `line` at: 'info' for a known reconnect line in its state, else its own. */
export function livekitLogLevel(line: LivekitLogLine): LivekitLogMethod {
  const isLine = (known: Known) =>
    known.method === line.method && (typeof known.message === 'string' ? known.message === line.message : known.message(line))
  try {
    return reconnectLines.some((known) => isLine(known) && known.expected(line)) ? 'info' : line.method
  } catch {
    // A context whose getters throw: not one of the lines above, so it keeps its level.
    return line.method
  }
}
