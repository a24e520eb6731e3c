import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * Connections the kernel queues for us while the event loop is busy. A restart's reconnect wave
 * arrives faster than a busy loop accepts, and past Node's default 511 the kernel drops the SYNs:
 * each costs its client a retransmit 1 s later, then 3 s, 7 s… (Linux caps this at somaxconn.)
 * On an inherited socket it replaces the supervisor's backlog (systemd's `Backlog=`): node reads
 * `backlog` from listen's options only for an address, so for a descriptor it goes as the second
 * argument (in the options it left the queue at 511, and a restart wave on a held socket lost its
 * SYNs past that: 102 clients of one 2,000-member restart waited 1 s for their retransmit).
 */
export const LISTEN_BACKLOG = 4096

/**
 * Where to listen: an address to bind, a listening socket inherited as a file descriptor, or one a
 * keeper passed as a handle (handoff/keeper.ts).
 */
export type ListenTarget = { port: number; host: string } | { fd: number } | { handle: object }

/** Listens on the target; resolves with the TCP address it listens on, or rejects with what to change. */
export function listen(http: Server, target: ListenTarget): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      http.off('listening', onListening)
      reject(Object.assign(new Error(listenHint(error, target), { cause: error }), { code: error.code }))
    }
    const onListening = () => {
      http.off('error', onError)
      const address = http.address()
      if (address !== null && typeof address === 'object') return resolve(address)
      http.close()
      reject(new Error(`The inherited socket (fd ${'fd' in target ? target.fd : '?'}) is not a TCP socket (${String(address)}). Give the .socket unit ListenStream=ADDRESS:PORT, for example 127.0.0.1:8787.`))
    }
    http.once('error', onError)
    http.once('listening', onListening)
    if ('handle' in target) http.listen(target.handle, LISTEN_BACKLOG)
    else if ('fd' in target) http.listen({ fd: target.fd }, LISTEN_BACKLOG)
    else http.listen({ port: target.port, host: target.host, backlog: LISTEN_BACKLOG })
  })
}

function listenHint(error: NodeJS.ErrnoException, target: ListenTarget): string {
  if ('handle' in target) return `Could not listen on the socket the keeper holds: ${error.code ?? error.message}.`
  if ('fd' in target) {
    return `Could not listen on the inherited socket (fd ${target.fd}): ${error.code ?? error.message}. It must be an open TCP stream socket (ListenStream=ADDRESS:PORT in the .socket unit); otherwise unset LISTEN_FDS and LISTEN_PID.`
  }
  if (error.code === 'EADDRINUSE') return `Port ${target.port} on ${target.host} is already in use. Stop the other server or pick another --port.`
  if (error.code === 'EADDRNOTAVAIL') return `${target.host} is not an address of this machine. Use --host 127.0.0.1 or 0.0.0.0.`
  return error.message
}
