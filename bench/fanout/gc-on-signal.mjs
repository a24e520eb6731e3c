// Bench only, preloaded into a measured server (ours and the reference alike, with --expose-gc):
// SIGUSR2 runs a full garbage collection, so the bench can read RSS without the garbage that waits
// for V8's next mark-compact.
process.on('SIGUSR2', () => globalThis.gc())
