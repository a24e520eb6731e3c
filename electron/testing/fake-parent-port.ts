// Test helper, loaded with `node --import tsx --import ../testing/fake-parent-port.ts ../core-process/index.ts`: plays the
// Electron utilityProcess around the core entry in plain Node. It installs a fake
// process.parentPort, hands the core one view port as main would, and relays that port's
// traffic as JSON lines: stdin → core, core → stdout (with what it posts to main as {toMain}).
// A stdin line {toCore: message} plays main posting `message` on the parent port instead.
import { createInterface } from 'node:readline'
import { MessageChannel, type MessagePort } from 'node:worker_threads'
import type { MessagePortMainLike } from '../core-process/message-port-channel'

/** Node's MessagePort delivers bare values; MessagePortMain delivers { data } events. */
function asMessagePortMain(port: MessagePort): MessagePortMainLike {
  const wrapped = new Map<unknown, (data: unknown) => void>()
  return {
    postMessage: (message) => port.postMessage(message),
    on(event: 'message' | 'close', listener: ((event: { data: unknown }) => void) | (() => void)) {
      if (event === 'close') return port.on('close', listener as () => void)
      const onData = (data: unknown) => (listener as (event: { data: unknown }) => void)({ data })
      wrapped.set(listener, onData)
      return port.on('message', onData)
    },
    off(_event: 'message', listener: (event: { data: unknown }) => void) {
      const onData = wrapped.get(listener)
      if (onData) port.off('message', onData)
      return port
    },
    start: () => port.start(),
    close: () => port.close(),
  }
}

type ParentListener = (event: { data: unknown; ports: MessagePortMainLike[] }) => void
const { port1: corePort, port2: viewPort } = new MessageChannel()
let fromMain: ParentListener | null = null
// Like main, this hands the port over once the core listens (the entry module loads later).
const parentPort = {
  // What the core posts to main (tray summaries, ready-to-quit) comes out on stdout too, marked as such.
  postMessage: (message: unknown) => process.stdout.write(JSON.stringify({ toMain: message }) + '\n'),
  on: (_event: 'message', listener: ParentListener) => {
    fromMain = listener
    queueMicrotask(() => listener({ data: { type: 'view-port' }, ports: [asMessagePortMain(corePort)] }))
  },
}
Object.assign(process, { parentPort })
viewPort.on('message', (message: unknown) => process.stdout.write(JSON.stringify(message) + '\n'))
createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line) as { toCore?: unknown }
  if (message.toCore !== undefined) fromMain?.({ data: message.toCore, ports: [] })
  else viewPort.postMessage(message)
})
