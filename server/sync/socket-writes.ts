import type { Duplex } from 'node:stream'

/** Resolves true once the stream has handed every queued write to the kernel, false after `ms`. */
export function writesOut(socket: Duplex, ms: number): Promise<boolean> {
  if (socket.writableLength === 0) return Promise.resolve(true)
  return new Promise((resolve) => {
    const done = (out: boolean) => {
      clearTimeout(timer)
      socket.off('drain', onDrain)
      resolve(out)
    }
    const onDrain = () => done(socket.writableLength === 0)
    const timer = setTimeout(() => done(false), ms)
    socket.on('drain', onDrain)
  })
}
