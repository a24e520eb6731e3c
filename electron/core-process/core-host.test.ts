import { describe, expect, it, vi } from 'vitest'
import type { MessageChannelLike } from '../../shared/contract/view-port'
import { hostCore, type ParentPortLike } from './core-host'
import type { MessagePortMainLike } from './message-port-channel'

type MessageEvent = { data: unknown; ports: MessagePortMainLike[] }

/** Stands in for Electron's process.parentPort. */
function fakeParentPort() {
  let listener: ((event: MessageEvent) => void) | null = null
  const posted: unknown[] = []
  const port: ParentPortLike = { on: (_event, l) => (listener = l), postMessage: (message) => void posted.push(message) }
  return { port, posted, deliver: (event: MessageEvent) => listener?.(event) }
}

/** Stands in for a MessagePortMain. */
function fakeMessagePort() {
  const listeners = { message: new Set<(event: { data: unknown }) => void>(), close: new Set<() => void>() }
  const port = {
    posted: [] as unknown[],
    started: false,
    closed: false,
    postMessage: (message: unknown) => void port.posted.push(message),
    on: (event: 'message' | 'close', listener: never) => listeners[event].add(listener),
    off: (_event: 'message', listener: (event: { data: unknown }) => void) => listeners.message.delete(listener),
    start: () => void (port.started = true),
    close: () => void (port.closed = true),
    receive: (data: unknown) => listeners.message.forEach((listener) => listener({ data })),
    remoteClosed: () => listeners.close.forEach((listener) => listener()),
  }
  return port
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('hostCore', () => {
  it('serves a view port that arrived while the core was still opening, until its renderer closes it', async () => {
    const parent = fakeParentPort()
    let open!: (core: string) => void
    const channels: MessageChannelLike[] = []
    const stop = vi.fn()
    hostCore({
      parentPort: parent.port,
      core: new Promise<string>((resolve) => (open = resolve)),
      serve: (_core, channel) => {
        channels.push(channel)
        channel.listen((message) => channel.post({ echo: message }))
        return stop
      },
      reportIdle: () => {},
      execute: () => {},
      setAway: () => {}, leaveForQuit: async () => {},
      log: () => {},
    })
    const port = fakeMessagePort()
    parent.deliver({ data: { type: 'view-port' }, ports: [port] })
    await flush()
    expect(channels).toHaveLength(0)

    open('core')
    await flush()
    expect(port.started).toBe(true)
    port.receive({ type: 'hello' })
    expect(port.posted).toEqual([{ echo: { type: 'hello' } }])

    port.remoteClosed()
    expect(stop).toHaveBeenCalledOnce()
  })

  it('ignores and closes anything from main that is not exactly one view port', async () => {
    const parent = fakeParentPort()
    const serve = vi.fn(() => () => {})
    const log = vi.fn()
    hostCore({ parentPort: parent.port, core: Promise.resolve('core'), serve, reportIdle: () => {}, execute: () => {}, setAway: () => {}, leaveForQuit: async () => {}, log })
    const strays = [fakeMessagePort(), fakeMessagePort()]
    parent.deliver({ data: { type: 'view-port' }, ports: strays })
    parent.deliver({ data: { type: 'other' }, ports: [] })
    parent.deliver({ data: { type: 'view-port' }, ports: [] })
    await flush()
    expect(serve).not.toHaveBeenCalled()
    expect(strays.every((port) => port.closed)).toBe(true)
    expect(log).toHaveBeenCalledTimes(3)
  })

  it('passes main\'s idle reports, commands and away/back to the core and ignores malformed ones', async () => {
    const parent = fakeParentPort()
    const reportIdle = vi.fn()
    const execute = vi.fn()
    const setAway = vi.fn()
    hostCore({ parentPort: parent.port, core: Promise.resolve('core'), serve: vi.fn(), reportIdle, execute, setAway, leaveForQuit: async () => {}, log: () => {} })
    parent.deliver({ data: { type: 'idle', idleMs: 720_000 }, ports: [] })
    parent.deliver({ data: { type: 'command', command: { type: 'setMic', on: false } }, ports: [] })
    parent.deliver({ data: { type: 'command', command: { type: 'dropTables' } }, ports: [] })
    parent.deliver({ data: { type: 'idle', idleMs: -5 }, ports: [] })
    parent.deliver({ data: { type: 'idle', idleMs: 'long' }, ports: [] })
    await flush()
    expect(reportIdle.mock.calls).toEqual([['core', 720_000]])
    expect(execute.mock.calls).toEqual([['core', { type: 'setMic', on: false }]])
    parent.deliver({ data: { type: 'away' }, ports: [] })
    parent.deliver({ data: { type: 'back' }, ports: [] })
    await flush()
    expect(setAway.mock.calls).toEqual([['core', true], ['core', false]])
  })

  it('answers quit with ready-to-quit only once the core has confirmed its leave, and at once for a core that never opened', async () => {
    const parent = fakeParentPort()
    let confirm!: () => void
    const leaveForQuit = vi.fn(() => new Promise<void>((resolve) => (confirm = resolve)))
    hostCore({ parentPort: parent.port, core: Promise.resolve('core'), serve: vi.fn(), reportIdle: vi.fn(), execute: vi.fn(), setAway: vi.fn(), leaveForQuit, log: () => {} })
    parent.deliver({ data: { type: 'quit' }, ports: [] })
    await flush()
    expect(leaveForQuit).toHaveBeenCalledWith('core')
    expect(parent.posted).toEqual([])
    confirm()
    await flush()
    expect(parent.posted).toEqual([{ type: 'ready-to-quit' }])

    const broken = fakeParentPort()
    hostCore({ parentPort: broken.port, core: Promise.reject(new Error('disk gone')), serve: vi.fn(), reportIdle: vi.fn(), execute: vi.fn(), setAway: vi.fn(), leaveForQuit, log: () => {} })
    broken.deliver({ data: { type: 'quit' }, ports: [] })
    await flush()
    expect(broken.posted).toEqual([{ type: 'ready-to-quit' }])
    expect(leaveForQuit).toHaveBeenCalledTimes(1)
  })
})
