/** Update N of the crash test: its number, then filler of varying size so records straddle pages. */
export function crashPayload(n: number): Uint8Array {
  const bytes = new Uint8Array(4 + ((n * 7919) % 3000))
  new DataView(bytes.buffer).setUint32(0, n, true)
  bytes.fill(n & 0xff, 4)
  return bytes
}
