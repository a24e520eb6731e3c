/**
 * A listening socket handed over by a supervisor (systemd's socket activation: a `.socket` unit
 * beside the `.service`). The supervisor keeps the socket open across a restart, so connections
 * made while the successor starts wait in the kernel's accept queue instead of being refused.
 * The protocol is systemd's: the sockets start at fd 3, `LISTEN_FDS` says how many, and
 * `LISTEN_PID` names the process they are for.
 */
export const FIRST_INHERITED_FD = 3

export type InheritedSocket = { ok: true; fd: number | null } | { ok: false; error: string }

const WHOLE_NUMBER = /^\d{1,9}$/

/**
 * The listening socket this process inherited (fd 3), null when none was handed over. Refuses
 * settings that name sockets it cannot use, with what to change: binding the port instead would
 * fail anyway (the supervisor holds it), or worse, listen beside it.
 */
export function inheritedListenSocket(env: Readonly<Record<string, string | undefined>>, pid: number): InheritedSocket {
  const fds = env.LISTEN_FDS
  const forPid = env.LISTEN_PID
  if (fds === undefined && forPid === undefined) return { ok: true, fd: null }
  const fix = 'Run node itself from the service (no wrapper that forks) with one ListenStream= in its .socket unit, or unset LISTEN_FDS and LISTEN_PID to bind --host and --port.'
  if (fds === undefined || !WHOLE_NUMBER.test(fds)) return { ok: false, error: `LISTEN_FDS must be 1 (the one socket a .socket unit hands over); got ${quoted(fds)}. ${fix}` }
  if (forPid === undefined || !WHOLE_NUMBER.test(forPid)) return { ok: false, error: `LISTEN_PID must be this process's id (${pid}); got ${quoted(forPid)}. ${fix}` }
  if (Number(forPid) !== pid) return { ok: false, error: `LISTEN_PID is ${forPid}, not this process (${pid}): the socket was handed to another process. ${fix}` }
  if (Number(fds) !== 1) return { ok: false, error: `LISTEN_FDS must be 1 (the one socket a .socket unit hands over); got ${fds}. ${fix}` }
  return { ok: true, fd: FIRST_INHERITED_FD }
}

/** As systemd's sd_listen_fds(unset=1): processes this one starts must not think the socket is theirs. */
export function forgetSocketActivation(env: Record<string, string | undefined>): void {
  delete env.LISTEN_FDS
  delete env.LISTEN_PID
  delete env.LISTEN_FDNAMES
}

function quoted(value: string | undefined): string {
  return value === undefined ? 'nothing' : JSON.stringify(value.slice(0, 40))
}
