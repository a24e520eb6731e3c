/** A socket's native handle as node passes it between processes (a TCP wrap): only what is used of it here. */
export interface NativeHandle {
  close(): void
}

/** Whether a value node gave along with a message is a stream handle (a connected or listening TCP socket). */
export function isNativeHandle(value: unknown): value is NativeHandle {
  return typeof value === 'object' && value !== null && typeof (value as { close?: unknown }).close === 'function' && typeof (value as { getsockname?: unknown }).getsockname === 'function'
}

/** Closes this process's copy of a handle (the socket stays open in the process it went to). */
export function closeHandle(handle: unknown): void {
  if (isNativeHandle(handle)) handle.close()
}
