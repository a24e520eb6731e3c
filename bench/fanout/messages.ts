/** What the bench process and a load generator child say to each other over IPC. */

export interface ClientPlan {
  user: string
  docName: string
  token: string
}

/**
 * Probes make every presence change and time its arrival at the other probes; the crowd only
 * receives (and echoes, as the stock client does) and counts what reached it.
 */
export type GeneratorRole = 'probe' | 'crowd'

export type GeneratorCommand =
  | { cmd: 'setup'; role: GeneratorRole; serverUrl: string; clientsPerDoc: Record<string, number> }
  /** Adds clients; resolves once they are all synced. */
  | { cmd: 'connect'; clients: ClientPlan[] }
  /** Starts a slice; probes start changing presence. Measured slices are timed and counted. */
  | { cmd: 'start'; changesPerSecond: number; roundMs: number; measured: boolean }
  | { cmd: 'stop' }
  | { cmd: 'progress' }
  /** Everything measured since the last report; counting starts over. */
  | { cmd: 'report' }
  | { cmd: 'close' }

export interface ProgressReply {
  /** Probes: deliveries the measured changes owe (every other client on the document). */
  expected: number
  /** Measured changes that reached a client of this process. */
  delivered: number
}

export interface GeneratorReport extends ProgressReply {
  /** Presence changes the measured slices sent (probes). */
  changes: number
  /** Milliseconds from just before the sender's setLocalState to a probe's awareness event. */
  latencies: Float64Array
  /** Awareness entries received from the server since the first measured slice, renewals included. */
  entriesReceived: number
  /** Socket bytes received by this process's clients over the same span. */
  bytesReceived: number
  /** Client sockets that closed after connecting. */
  disconnects: number
  /** This process's load in measured slices, to tell a slow server from a busy generator. */
  cpuPercent: number
  loopDelayP99Ms: number
}

export type GeneratorRequest = { id: number; command: GeneratorCommand }
export type GeneratorResponse = { id: number; ok: true; reply: unknown } | { id: number; ok: false; error: string }
