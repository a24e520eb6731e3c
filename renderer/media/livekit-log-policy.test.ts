import { ConnectionError, DisconnectReason } from 'livekit-client'
import { describe, expect, it } from 'vitest'
import { livekitLogLevel, type LivekitLogLine } from './livekit-log-policy'

const roomContext = { room: 't1.kitchen', roomID: 'RM_1', participant: 'ada', participantID: 'PA_1' }
const socketDropped = ConnectionError.websocket('WS closed unexpectedly with code 1006')
const leaveOnResume = ConnectionError.leaveRequest('Received leave request while trying to (re)connect', DisconnectReason.STATE_MISMATCH)
const socketRefused = ConnectionError.websocket('Encountered websocket error during connection establishment')
const sfuNotUpYet = ConnectionError.serverUnreachable('Failed to fetch')
const foreignSender = Object.assign(new Error("Failed to execute 'removeTrack' on 'RTCPeerConnection': The sender was not created by this peer connection."), {
  name: 'InvalidAccessError',
})
const mutedCamera = { ...roomContext, trackID: 'TR_1', source: 'camera', muted: true, dims: { width: 1280, height: 720 } }

const line = (method: LivekitLogLine['method'], message: unknown, context: unknown, roomState: LivekitLogLine['roomState']): LivekitLogLine => ({
  method,
  message,
  context,
  roomState,
})

/**
 * The lines an SFU restart logged on each page (issue 12), with the Room's state when each was
 * logged: a resume attempt meets either the restarted SFU (a leave request) or none yet (a refused
 * socket, or a refused fetch).
 */
const sfuRestart: LivekitLogLine[] = [
  line('warn', 'signal disconnected', roomContext, 'connected'),
  line('error', 'error reading from signal stream', { ...roomContext, error: socketDropped }, 'connected'),
  line('error', 'Received leave request while trying to (re)connect', { ...roomContext, error: leaveOnResume }, 'signalReconnecting'),
  line('error', 'Encountered websocket error during connection establishment', { ...roomContext, error: socketRefused }, 'signalReconnecting'),
  line('error', 'Failed to fetch', { ...roomContext, error: sfuNotUpYet }, 'signalReconnecting'),
  line('warn', 'reconnect disconnected', roomContext, 'signalReconnecting'),
  line('warn', 'reconnect disconnected', roomContext, 'connected'),
  line('warn', "Couldn't connect to server, attempt 3 of 1", roomContext, 'reconnecting'),
  line('warn', 'failed to remove track', { ...roomContext, error: foreignSender }, 'reconnecting'),
  line('error', 'could not determine track dimensions, using defaults', mutedCamera, 'reconnecting'),
]

/** What our own leave during a reconnect (the SFU down) logs: the attempt aborted, the pending reconnect rejected. */
const leaveWhileReconnecting: LivekitLogLine[] = [
  line('warn', 'Abort connection attempt due to user initiated disconnect', undefined, 'reconnecting'),
  line('warn', 'Abort connection attempt due to user initiated disconnect', undefined, 'connecting'),
  line('warn', 'Got disconnected during reconnection attempt', undefined, 'reconnecting'),
  line('warn', 'Got disconnected during reconnection attempt', undefined, 'disconnected'),
]

describe('livekit-client log levels', () => {
  it.each(leaveWhileReconnecting)('shows our leave\'s line "$message" ($method, room $roomState) as info', (leaveLine) => {
    expect(livekitLogLevel(leaveLine)).toBe('info')
  })

  it("keeps our leave's lines at their level outside the states they belong to, and at another level", () => {
    expect(livekitLogLevel(line('warn', 'Abort connection attempt due to user initiated disconnect', undefined, 'disconnected'))).toBe('warn')
    expect(livekitLogLevel(line('warn', 'Got disconnected during reconnection attempt', undefined, 'connected'))).toBe('warn')
    expect(livekitLogLevel(line('warn', 'Got disconnected during reconnection attempt', undefined, 'connecting'))).toBe('warn')
    expect(livekitLogLevel(line('error', 'Got disconnected during reconnection attempt', undefined, 'reconnecting'))).toBe('error')
  })

  it.each(sfuRestart)('shows the reconnect line "$message" ($method, room $roomState) as info', (restartLine) => {
    expect(livekitLogLevel(restartLine)).toBe('info')
  })

  it('keeps an unknown warning or error at its level, in every room state', () => {
    for (const roomState of ['disconnected', 'connecting', 'connected', 'reconnecting', 'signalReconnecting'] as const) {
      expect(livekitLogLevel(line('error', 'error trying to re-publish tracks after reconnection', { error: new Error('x') }, roomState))).toBe('error')
      expect(livekitLogLevel(line('warn', 'could not recover connection after 3 attempts, 20000ms. giving up', roomContext, roomState))).toBe('warn')
    }
  })

  it('keeps a known line at its level outside the state it belongs to', () => {
    expect(livekitLogLevel(line('warn', 'signal disconnected', roomContext, 'disconnected'))).toBe('warn')
    expect(livekitLogLevel(line('error', 'error reading from signal stream', { error: socketDropped }, 'connecting'))).toBe('error')
    expect(livekitLogLevel(line('error', 'Received leave request while trying to (re)connect', { error: leaveOnResume }, 'connected'))).toBe('error')
    expect(livekitLogLevel(line('error', 'Failed to fetch', { error: sfuNotUpYet }, 'connecting'))).toBe('error')
    expect(livekitLogLevel(line('error', socketRefused.message, { error: socketRefused }, 'connected'))).toBe('error')
    expect(livekitLogLevel(line('warn', 'reconnect disconnected', roomContext, 'disconnected'))).toBe('warn')
    expect(livekitLogLevel(line('warn', "Couldn't connect to server, attempt 1 of 1", roomContext, 'connecting'))).toBe('warn')
    expect(livekitLogLevel(line('warn', 'failed to remove track', { error: foreignSender }, 'connected'))).toBe('warn')
    expect(livekitLogLevel(line('error', 'could not determine track dimensions, using defaults', mutedCamera, 'connected'))).toBe('error')
  })

  it('keeps a known message at its level when its detail says it is not the reconnect case', () => {
    // A signal message that does not parse is a fault, not the SFU going away.
    const unparsable = { ...roomContext, error: new SyntaxError('Unexpected token') }
    expect(livekitLogLevel(line('error', 'error reading from signal stream', unparsable, 'connected'))).toBe('error')
    expect(livekitLogLevel(line('error', 'error reading from signal stream', { error: ConnectionError.websocket('some other socket failure') }, 'connected'))).toBe('error')
    // A live camera whose size cannot be read while publishing again is a real fault.
    expect(livekitLogLevel(line('error', 'could not determine track dimensions, using defaults', { ...mutedCamera, muted: false }, 'reconnecting'))).toBe('error')
    // A resume the SFU refused for another reason (the token expired) is a real failure.
    const tokenExpired = ConnectionError.notAllowed('token is expired', 401)
    expect(livekitLogLevel(line('error', 'token is expired', { error: tokenExpired }, 'signalReconnecting'))).toBe('error')
    // A refused resume logged under another message than its own.
    expect(livekitLogLevel(line('error', 'could not resume', { error: sfuNotUpYet }, 'signalReconnecting'))).toBe('error')
    // Any other failure to remove a track.
    expect(livekitLogLevel(line('warn', 'failed to remove track', { error: new TypeError('pc is closed') }, 'reconnecting'))).toBe('warn')
  })

  it('matches the level too: a known message at another level keeps that level', () => {
    expect(livekitLogLevel(line('error', 'signal disconnected', roomContext, 'connected'))).toBe('error')
    expect(livekitLogLevel(line('warn', 'Received leave request while trying to (re)connect', { error: leaveOnResume }, 'reconnecting'))).toBe('warn')
  })

  it('leaves info, debug and trace lines as they are', () => {
    for (const method of ['info', 'debug', 'trace'] as const) {
      expect(livekitLogLevel(line(method, 'signal disconnected', roomContext, 'connected'))).toBe(method)
    }
  })

  it('survives any value livekit-client passes: an Error as the message, odd contexts, throwing getters', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no reading me')
        },
      },
    )
    for (const context of [undefined, null, 0, 'text', [], [socketDropped], { error: null }, { error: 'text' }, hostile, { error: hostile }]) {
      expect(livekitLogLevel(line('error', 'error reading from signal stream', context, 'connected'))).toBe('error')
      expect(livekitLogLevel(line('warn', 'failed to remove track', context, 'reconnecting'))).toBe('warn')
      expect(livekitLogLevel(line('error', 'could not determine track dimensions, using defaults', context, 'reconnecting'))).toBe('error')
    }
    expect(livekitLogLevel(line('error', new Error('signal disconnected'), roomContext, 'connected'))).toBe('error')
    expect(livekitLogLevel(line('warn', undefined, undefined, 'reconnecting'))).toBe('warn')
  })
})
