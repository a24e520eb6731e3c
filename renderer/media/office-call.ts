// Walk into a room and you're in its call: follows the office view's wish (office-call-plan.ts)
// by fetching call tokens, joining, switching, leaving and toggling, one step at a time.
import type { CallConnection } from './call-snapshot'
import { nextCallStep, type CallStep, type CallWish, type Devices } from './office-call-plan'

export type CallTokenAnswer =
  | { ok: true; url: string; token: string }
  /** unavailable: the server has no call service; otherwise the message says what went wrong. */
  | { ok: false; unavailable: boolean; message: string }

/** The part of call.ts's Call the controller drives; tests pass a fake. */
export interface HeldCall {
  snapshot(): { connection: CallConnection; failure: string | null; notice: string | null }
  setMic(on: boolean): Promise<void>
  setCamera(on: boolean): Promise<void>
  setScreenShare(on: boolean): Promise<void>
  leave(): Promise<void>
}

export interface OfficeCallDeps<C extends HeldCall> {
  fetchCallToken(request: { teamId: string; roomId: string }): Promise<CallTokenAnswer>
  /** `onChange` hears every change of the call from before it connects until it is left. */
  joinCall(options: { url: string; token: string; mic: boolean; camera: boolean; onChange: (snapshot: ReturnType<HeldCall['snapshot']>) => void }): Promise<C>
}

export type OfficeCallPhase = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'unavailable' | 'moved'

export interface OfficeCallState {
  phase: OfficeCallPhase
  roomId: string | null
  /** Why the call failed (phase 'failed'); null otherwise. */
  failure: string | null
  /** The publish policy's last one-line message ("Camera paused: your connection is weak"). */
  notice: string | null
}

export interface OfficeCall<C extends HeldCall> {
  want(wish: CallWish): void
  state(): OfficeCallState
  onChange(listener: (state: OfficeCallState) => void): () => void
  /** The call held now, for video tiles. */
  call(): C | null
  /** From 'failed': join again with a fresh call token (the old one may have expired). */
  retry(): void
  close(): Promise<void>
}

const IDLE: OfficeCallState = { phase: 'idle', roomId: null, failure: null, notice: null }
const NOTHING: Devices = { mic: false, cam: false, screen: false }
const deviceNames: Record<keyof Devices, string> = { mic: 'microphone', cam: 'camera', screen: 'screen share' }

/** The one line shown when a device would not turn on or off, with what to try next. */
export function deviceFailureNotice(device: keyof Devices, on: boolean): string {
  if (!on) return `Could not turn off the ${deviceNames[device]}: leave the room to be sure it stops.`
  if (device === 'screen') return 'Could not share your screen: allow Hallway to record the screen in your system settings, then try again.'
  return `Could not turn on the ${deviceNames[device]}: close other apps using it, check that Hallway may use it in your system settings, then try again.`
}

export function startOfficeCall<C extends HeldCall>(deps: OfficeCallDeps<C>): OfficeCall<C> {
  let wish: CallWish | null = null
  let held: { roomId: string; call: C } | null = null
  /** The room whose call is connecting and publishing (joinCall has not resolved yet). */
  let joining: string | null = null
  let applied: Devices = NOTHING
  let parkedRoom: string | null = null
  let running = false
  let closed = false
  let state = IDLE
  const listeners = new Set<(state: OfficeCallState) => void>()

  const setState = (next: Partial<OfficeCallState>) => {
    state = { ...state, ...next }
    for (const listener of listeners) listener(state)
  }

  const park = (roomId: string, phase: OfficeCallPhase, failure: string | null) => {
    parkedRoom = roomId
    // The wish may have moved on while the token was on its way: then this room is not news.
    if (wish?.roomId === roomId) setState({ phase, roomId, failure })
  }

  // Joins wait for the last leave: the page's one Room must be disconnected before it connects again.
  let leaving: Promise<void> = Promise.resolve()
  const release = () => {
    if (held) {
      const { call } = held
      held = null
      applied = NOTHING
      // Leaving ends the call's changes; any still on their way find no held call and are dropped.
      leaving = call.leave().catch(() => {})
    }
    return leaving
  }

  const followCall = (roomId: string, snapshot: ReturnType<HeldCall['snapshot']>) => {
    // A joining call is news only while the wish is still its room (want() shows idle on a change).
    if (held ? held.roomId !== roomId : joining !== roomId || wish?.roomId !== roomId) return
    const { connection, failure, notice } = snapshot
    if (connection === 'left') return
    if (connection === 'moved') {
      // Another of my devices took the call; the core's lease will say so too. Stay out until then.
      park(roomId, 'moved', null)
      void release()
      return
    }
    setState({ phase: connection, roomId, failure, notice })
  }

  const join = async (roomId: string, current: CallWish) => {
    setState({ phase: 'connecting', roomId, failure: null, notice: null })
    await leaving
    const answer = await deps.fetchCallToken({ teamId: current.teamId, roomId })
    if (!answer.ok) return park(roomId, answer.unavailable ? 'unavailable' : 'failed', answer.message)
    // Heard while it connects and publishes: "connected" as soon as it is, not once the mic is out.
    joining = roomId
    try {
      const call = await deps.joinCall({ url: answer.url, token: answer.token, mic: current.mic, camera: current.cam, onChange: (snapshot) => followCall(roomId, snapshot) })
      joining = null
      if (closed) return void (await call.leave())
      held = { roomId, call }
      applied = { mic: current.mic, cam: current.cam, screen: false }
      followCall(roomId, call.snapshot())
    } catch (error) {
      joining = null
      park(roomId, 'failed', error instanceof Error ? error.message : String(error))
    }
  }

  const toggle = async (call: C, changes: Partial<Devices>) => {
    const setters: Record<keyof Devices, (on: boolean) => Promise<void>> = {
      mic: (on) => call.setMic(on),
      cam: (on) => call.setCamera(on),
      screen: (on) => call.setScreenShare(on),
    }
    for (const [device, on] of Object.entries(changes) as [keyof Devices, boolean][]) {
      // Recorded first: a refused device (no camera, a guest's grant) is not asked again and again.
      applied = { ...applied, [device]: on }
      await setters[device](on).catch(() => setState({ notice: deviceFailureNotice(device, on) }))
    }
  }

  const perform = async (step: CallStep, current: CallWish) => {
    if (step.kind === 'leave') {
      await release()
      setState(IDLE)
    } else if (step.kind === 'join') {
      await join(step.roomId, current)
    } else if (step.kind === 'toggle' && held) {
      await toggle(held.call, step.changes)
    }
  }

  const settle = async () => {
    if (running) return
    running = true
    try {
      while (wish && !closed) {
        const step = nextCallStep({ roomId: held?.roomId ?? null, applied, parkedRoom }, wish)
        if (step.kind === 'none') break
        await perform(step, wish)
      }
    } finally {
      running = false
    }
  }

  return {
    want(next) {
      if (next.roomId !== wish?.roomId) {
        parkedRoom = null
        if (!held && state.phase !== 'idle') setState(IDLE)
      }
      wish = next
      void settle()
    },
    state: () => state,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    call: () => held?.call ?? null,
    retry() {
      if (state.phase !== 'failed') return
      void release()
      parkedRoom = null
      void settle()
    },
    async close() {
      closed = true
      await release()
      listeners.clear()
    },
  }
}
