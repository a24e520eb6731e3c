import type { Writable } from 'node:stream'

/**
 * Makes a bare `end()` on a stream already ending return at once. ws ends a socket and its frame
 * reader again at each step of a close (the close frame answered, the peer's end, the socket's
 * close) where one of them already did, and node answers each repeat by building an
 * ERR_STREAM_ALREADY_FINISHED, stack trace and message included, that nobody receives: three to
 * four per closed connection, ~15 % of a 2,000-member drain's CPU (bench/capacity/README.md,
 * "After a deploy, round 6"). A call with data or a callback, or on a corked stream (end()
 * uncorks it), still goes to the stream's own end().
 */
export function endOnce(stream: Writable): void {
  stream.end = endUnlessEnding
}

function endUnlessEnding(this: Writable, ...args: unknown[]): Writable {
  if (args.length === 0 && this.writableEnded && this.writableCorked === 0) return this
  const own = Object.getPrototypeOf(this) as { end: (...args: unknown[]) => Writable }
  return own.end.apply(this, args)
}
