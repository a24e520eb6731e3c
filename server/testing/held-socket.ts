// A listening address held the way systemd's .socket unit holds one, for tests and the restart
// bench: this process binds it and hands it to each server it starts as fd 3, with LISTEN_FDS and
// LISTEN_PID set as systemd sets them. It never accepts: the first server's listen() makes it a
// listening socket, and between servers connections wait in the kernel's queue.

/** libuv's TCP handle, reached the only way node offers a socket it will not accept on. */
interface TcpHandle {
  bind(address: string, port: number): number
  getsockname(out: { port?: number }): number
  close(): void
  readonly fd: number
}
interface TcpWrap {
  TCP: new (type: number) => TcpHandle
  constants: { SERVER: number }
}

export interface HeldSocket {
  port: number
  /** This process's descriptor for it: pass it at stdio index 3. */
  fd: number
  close(): void
}

/** Binds host:port (0: any free port) without listening on it. */
export function holdSocket(host: string, port = 0): HeldSocket {
  const { TCP, constants } = (process as unknown as { binding(name: 'tcp_wrap'): TcpWrap }).binding('tcp_wrap')
  const handle = new TCP(constants.SERVER)
  const error = handle.bind(host, port)
  if (error !== 0) {
    handle.close()
    throw new Error(`could not bind ${host}:${port} to hold it (libuv error ${error})`)
  }
  const address: { port?: number } = {}
  handle.getsockname(address)
  return { port: address.port!, fd: handle.fd, close: () => handle.close() }
}

/**
 * The command and arguments that start `node ...args` with the held socket as systemd would: fd 3
 * (the caller's stdio[3]), LISTEN_FDS=1, and LISTEN_PID the server's own pid (sh's, which exec keeps).
 */
export function socketActivated(nodeArgs: readonly string[]): { command: string; args: string[] } {
  return { command: 'sh', args: ['-c', 'LISTEN_PID=$$ LISTEN_FDS=1 exec "$0" "$@"', process.execPath, ...nodeArgs] }
}
