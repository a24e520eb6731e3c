/** WebSocket close codes the sync server uses (docs/contract.md, "Network"). */
export const CloseCode = {
  badToken: 4401,
  forbidden: 4403,
  tooLarge: 4413,
  rateLimited: 4429,
  /** RFC 6455 "unsupported data": a frame that does not decode, or an update missing its dependencies; not terminal. */
  malformed: 1003,
  /** The server failed (e.g. its store refused a write); clients reconnect and load from disk. */
  serverError: 1011,
  draining: 1012,
  /** RFC 6455 "try again later": a slow consumer is cut rather than buffered forever; it resyncs. */
  slowConsumer: 1013,
} as const

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode]

/**
 * When a draining server's members should come back: spread over `windowMs`, starting `afterMs`
 * after the 1012 (about how long its successor takes to listen). The server knows how many it is
 * closing, how fast it admits them and how long it takes to start; a client does not.
 */
export interface Comeback {
  windowMs: number
  afterMs: number
}

/**
 * The 1012 reason naming a comeback. "come back within W ms" comes first and unchanged, so a client
 * that reads only the window (it matches that phrase anywhere) still finds it.
 */
export function drainingReason(comeback: Comeback): string {
  return `server draining; come back within ${Math.round(comeback.windowMs)} ms after ${Math.round(comeback.afterMs)} ms`
}

/** The comeback a 1012 reason names, or null (an older server, or no hint); an older server's window alone starts at once. */
export function comebackOf(reason: string): Comeback | null {
  const match = /come back within (\d{1,7}) ms(?: after (\d{1,7}) ms)?/.exec(reason)
  return match ? { windowMs: Number(match[1]), afterMs: match[2] === undefined ? 0 : Number(match[2]) } : null
}

/** A close code after which reconnecting with the same token is pointless. */
export function isTerminalClose(code: number): boolean {
  return code >= 4400 && code < 4500 && code !== CloseCode.rateLimited
}

/**
 * 4403 means two different things. At admission the server closes before it sends anything: the
 * token is not valid for that document, which is final. Once it has synced the connection, 4403
 * means it refused one of our writes: the replica's later updates build on that write, so the
 * client drops its copy and syncs afresh. `synced` is whether this connection received the
 * server's state (sync step 2) before it closed.
 */
export function isRefusedWrite(code: number, synced: boolean): boolean {
  return code === CloseCode.forbidden && synced
}

/** A close reason is the server's text crossing a boundary: one short printable line. */
export function closeReasonText(reason: string): string {
  const line = reason.replace(/\p{Cc}+/gu, ' ').trim().slice(0, 123)
  return line === '' ? 'no reason given' : line
}

/** What a person should read, and do, after the server closed on them. */
export function describeClose(code: number): string {
  switch (code) {
    case CloseCode.badToken:
      return 'Your sign-in is missing or has expired. Sign in again to reconnect.'
    case CloseCode.forbidden:
      return 'This sign-in is not valid for this team. Ask a team admin for a new invite.'
    case CloseCode.tooLarge:
      return 'A change was too large for the server and was refused. Reload to resync.'
    case CloseCode.rateLimited:
      return 'Too many changes too quickly. Reconnecting shortly.'
    case CloseCode.draining:
      return 'The server is restarting. Reconnecting shortly.'
    default:
      return 'Connection lost. Reconnecting shortly.'
  }
}
