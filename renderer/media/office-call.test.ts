import { describe, expect, it } from 'vitest'
import type { CallConnection } from './call-snapshot'
import { startOfficeCall, type CallTokenAnswer, type HeldCall } from './office-call'
import { nextCallStep, wishFromView, type CallWish, type OfficeCallFacts } from './office-call-plan'

const view = (me: Partial<OfficeCallFacts['me']> = {}, state: OfficeCallFacts['connection']['state'] = 'online'): OfficeCallFacts => ({
  team: { id: 'T1' },
  me: { room: 'kitchen', holdsMedia: true, mic: true, cam: false, screen: false, ...me },
  connection: { state },
})
const wish = (me: Partial<OfficeCallFacts['me']> = {}, state: OfficeCallFacts['connection']['state'] = 'online'): CallWish => wishFromView(view(me, state))
const off = { mic: false, cam: false, screen: false }

/** A call that connects while joinCall is still publishing the mic: `publishing.done()` resolves the join. */
function stillPublishing() {
  const publishing: { done: () => void } = { done: () => {} }
  const call = new FakeCall('ws://sfu')
  call.connection = 'connecting'
  const controller = startOfficeCall({
    fetchCallToken: async () => ({ ok: true, url: 'ws://sfu', token: 'token-kitchen' }),
    joinCall: (options) => {
      call.onChange(options.onChange)
      return new Promise<FakeCall>((resolve) => (publishing.done = () => resolve(call)))
    },
  })
  return { call, controller, publishing }
}

describe('which call the office view asks for', () => {
  it('is the room I am in, only while this device holds the media lease', () => {
    expect(wish().roomId).toBe('kitchen')
    expect(wish({ holdsMedia: false }).roomId).toBeNull()
    expect(wish({ room: null }).roomId).toBeNull()
  })

  it('joins only when online, leaves and switches rooms, and parks a room it gave up on', () => {
    const none = { roomId: null, applied: off, parkedRoom: null }
    expect(nextCallStep(none, wish())).toEqual({ kind: 'join', roomId: 'kitchen' })
    expect(nextCallStep(none, wish({}, 'offline'))).toEqual({ kind: 'none' })
    expect(nextCallStep({ ...none, parkedRoom: 'kitchen' }, wish())).toEqual({ kind: 'none' })
    const inKitchen = { roomId: 'kitchen', applied: { ...off, mic: true }, parkedRoom: null }
    expect(nextCallStep(inKitchen, wish({}, 'offline'))).toEqual({ kind: 'none' })
    expect(nextCallStep(inKitchen, wish({ room: 'lounge' }))).toEqual({ kind: 'leave' })
    expect(nextCallStep(inKitchen, wish({ holdsMedia: false }))).toEqual({ kind: 'leave' })
    expect(nextCallStep(inKitchen, wish({ mic: false, screen: true }))).toEqual({ kind: 'toggle', changes: { mic: false, screen: true } })
  })
})

class FakeCall implements HeldCall {
  log: string[] = []
  connection: CallConnection = 'connected'
  private listener: ((snapshot: ReturnType<HeldCall['snapshot']>) => void) | null = null
  constructor(readonly url: string) {}
  snapshot() {
    return { connection: this.connection, failure: this.connection === 'failed' ? 'Lost the connection to the call.' : null, notice: null }
  }
  onChange(listener: (snapshot: ReturnType<HeldCall['snapshot']>) => void) {
    this.listener = listener
    return () => (this.listener = null)
  }
  become(connection: CallConnection) {
    this.connection = connection
    this.listener?.(this.snapshot())
  }
  setMic = async (on: boolean) => void this.log.push(`mic ${on}`)
  setCamera = async (on: boolean) => void this.log.push(`cam ${on}`)
  setScreenShare = async (on: boolean) => void this.log.push(`screen ${on}`)
  leave = async () => void this.log.push('leave')
}

function harness(answer: (roomId: string) => CallTokenAnswer = (roomId) => ({ ok: true, url: 'ws://sfu', token: `token-${roomId}` })) {
  const calls: FakeCall[] = []
  const joins: { token: string; mic: boolean; camera: boolean }[] = []
  const controller = startOfficeCall({
    fetchCallToken: async ({ roomId }) => answer(roomId),
    joinCall: async (options) => {
      joins.push({ token: options.token, mic: options.mic, camera: options.camera })
      const call = new FakeCall(options.url)
      call.onChange(options.onChange)
      calls.push(call)
      return call
    },
  })
  return { controller, calls, joins, settled }
}

describe('the office call controller', () => {
  it('joins with the view’s devices, follows the toggles, switches rooms and leaves', async () => {
    const { controller, calls, joins, settled } = harness()
    controller.want(wish())
    await settled()
    expect(joins).toEqual([{ token: 'token-kitchen', mic: true, camera: false }])
    expect(controller.state()).toMatchObject({ phase: 'connected', roomId: 'kitchen' })

    controller.want(wish({ mic: false, cam: true, screen: true }))
    await settled()
    expect(calls[0]!.log).toEqual(['mic false', 'cam true', 'screen true'])

    controller.want(wish({ room: 'lounge' }))
    await settled()
    expect(calls[0]!.log.at(-1)).toBe('leave')
    expect(joins.at(-1)).toEqual({ token: 'token-lounge', mic: true, camera: false })

    controller.want(wish({ room: null }))
    await settled()
    expect(calls[1]!.log).toEqual(['leave'])
    expect(controller.state().phase).toBe('idle')
    expect(controller.call()).toBeNull()
  })

  it('says when calls are unavailable and does not ask again for the same room', async () => {
    const { controller, joins, settled } = harness(() => ({ ok: false, unavailable: true, message: 'calls-unavailable' }))
    controller.want(wish())
    await settled()
    controller.want(wish({ mic: false }))
    await settled()
    expect(controller.state()).toMatchObject({ phase: 'unavailable', roomId: 'kitchen' })
    expect(joins).toEqual([])
  })

  it('shows reconnecting and failed, and retries with a fresh call token', async () => {
    const { controller, calls, joins, settled } = harness()
    controller.want(wish())
    await settled()
    calls[0]!.become('reconnecting')
    expect(controller.state().phase).toBe('reconnecting')
    calls[0]!.become('failed')
    expect(controller.state()).toMatchObject({ phase: 'failed', failure: 'Lost the connection to the call.' })
    controller.retry()
    await settled()
    expect(calls[0]!.log).toEqual(['leave'])
    expect(joins).toHaveLength(2)
    expect(controller.state().phase).toBe('connected')
  })

  it('says connected as soon as the call is, while joinCall still publishes the mic (it used to say connecting… until then)', async () => {
    const { call, controller, publishing } = stillPublishing()
    controller.want(wish())
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(controller.state()).toMatchObject({ phase: 'connecting', roomId: 'kitchen' })
    call.become('connected')
    expect(controller.state()).toMatchObject({ phase: 'connected', roomId: 'kitchen' })
    call.become('reconnecting')
    expect(controller.state().phase).toBe('reconnecting')
    call.become('connected')
    publishing.done()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(controller.state()).toMatchObject({ phase: 'connected', roomId: 'kitchen' })
    expect(controller.call()).toBe(call)
  })

  it('drops what a call it is leaving says while it still connects', async () => {
    const { call, controller, publishing } = stillPublishing()
    controller.want(wish())
    await new Promise((resolve) => setTimeout(resolve, 0))
    controller.want(wish({ room: null }))
    expect(controller.state().phase).toBe('idle')
    call.become('connected')
    expect(controller.state()).toMatchObject({ phase: 'idle', roomId: null })
    publishing.done()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(call.log).toEqual(['leave'])
    expect(controller.state().phase).toBe('idle')
  })

  it('does not report a refusal for a room I already left', async () => {
    let answer: (value: CallTokenAnswer) => void = () => {}
    const controller = startOfficeCall({
      fetchCallToken: () => new Promise<CallTokenAnswer>((resolve) => (answer = resolve)),
      joinCall: async (options) => new FakeCall(options.url),
    })
    controller.want(wish())
    controller.want(wish({ room: null }))
    answer({ ok: false, unavailable: true, message: 'Calls are unavailable on this server.' })
    await settled()
    expect(controller.state().phase).toBe('idle')
  })

  it('lets go when another device takes the call, without rejoining until the lease comes back', async () => {
    const { controller, calls, joins, settled } = harness()
    controller.want(wish())
    await settled()
    calls[0]!.become('moved')
    await settled()
    expect(controller.state().phase).toBe('moved')
    expect(calls[0]!.log).toEqual(['leave'])
    controller.want(wish())
    await settled()
    expect(joins).toHaveLength(1)

    controller.want(wish({ holdsMedia: false }))
    controller.want(wish())
    await settled()
    expect(joins).toHaveLength(2)
  })

  it('says what to do next when a device will not turn on, and asks for it only once', async () => {
    const { controller, calls, settled } = harness()
    controller.want(wish())
    await settled()
    calls[0]!.setCamera = async () => {
      throw new Error('NotReadableError: the camera is in use')
    }
    controller.want(wish({ cam: true }))
    await settled()
    expect(controller.state().notice).toBe(
      'Could not turn on the camera: close other apps using it, check that Hallway may use it in your system settings, then try again.',
    )
    controller.want(wish({ cam: true, mic: false }))
    await settled()
    expect(calls[0]!.log).toEqual(['mic false'])
  })

  it('retries a refused token on request', async () => {
    let refusals = 1
    const { controller, joins, settled } = harness((roomId) =>
      refusals-- > 0 ? { ok: false, unavailable: false, message: 'Could not reach the server.' } : { ok: true, url: 'ws://sfu', token: roomId },
    )
    controller.want(wish())
    await settled()
    expect(controller.state()).toMatchObject({ phase: 'failed', failure: 'Could not reach the server.' })
    controller.retry()
    await settled()
    expect(joins).toHaveLength(1)
    expect(controller.state().phase).toBe('connected')
  })
})

/** Lets the controller's pending promise callbacks run. */
function settled() {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

