import { Histogram } from './histogram'
import { byCodeUnit } from './label-order'

/** Process-wide counters, rendered as Prometheus text on GET /metrics. */
export class Metrics {
  messagesIn = 0
  messagesOut = 0
  bytesIn = 0
  bytesOut = 0
  connectionsOpened = 0
  docLoads = 0
  docUnloads = 0
  updatesPersisted = 0
  idleGcs = 0
  idleGcPauseSeconds = 0
  idleGcLongestPauseSeconds = 0
  readonly closes = new Map<number, number>()
  /** Refused connections and messages, by a short reason such as "rate-limited". */
  readonly refusals = new Map<string, number>()
  /** From a frame's arrival to its broadcast being queued to every peer (updates include the store write). */
  readonly fanout = new Histogram('hallway_fanout_seconds', 'Time from receiving a change to queueing it to every peer.', 'kind')
  readonly store = new Histogram('hallway_store_seconds', 'Store operation latency.', 'op')

  countClose(code: number): void {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1)
  }

  countIdleGc(pauseMs: number): void {
    this.idleGcs++
    this.idleGcPauseSeconds += pauseMs / 1000
    this.idleGcLongestPauseSeconds = Math.max(this.idleGcLongestPauseSeconds, pauseMs / 1000)
  }

  countRefusal(reason: string): void {
    this.refusals.set(reason, (this.refusals.get(reason) ?? 0) + 1)
  }

  render(gauges: { connections: number; docsLoaded: number; awarenessClocks: number; draining: boolean }): string {
    const lines: string[] = []
    const metric = (name: string, type: 'gauge' | 'counter', help: string, samples: Array<[string, number]>) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
      for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`)
    }
    metric('hallway_connections', 'gauge', 'Open sync connections.', [['', gauges.connections]])
    metric('hallway_docs_loaded', 'gauge', 'Documents held in memory.', [['', gauges.docsLoaded]])
    metric('hallway_awareness_clocks', 'gauge', 'Awareness client clocks held by the loaded documents.', [['', gauges.awarenessClocks]])
    metric('hallway_draining', 'gauge', '1 while the server drains for shutdown.', [['', gauges.draining ? 1 : 0]])
    metric('hallway_connections_opened_total', 'counter', 'Sync connections accepted.', [['', this.connectionsOpened]])
    metric('hallway_messages_in_total', 'counter', 'Sync messages received.', [['', this.messagesIn]])
    metric('hallway_messages_out_total', 'counter', 'Sync messages sent.', [['', this.messagesOut]])
    metric('hallway_bytes_in_total', 'counter', 'Sync bytes received.', [['', this.bytesIn]])
    metric('hallway_bytes_out_total', 'counter', 'Sync bytes sent.', [['', this.bytesOut]])
    metric('hallway_updates_persisted_total', 'counter', 'Document updates written to the store.', [['', this.updatesPersisted]])
    metric('hallway_doc_loads_total', 'counter', 'Documents loaded from the store.', [['', this.docLoads]])
    metric('hallway_doc_unloads_total', 'counter', 'Documents unloaded after going idle.', [['', this.docUnloads]])
    metric('hallway_idle_gc_total', 'counter', 'Full collections run while the server had time to spare (observe/idle-gc.ts).', [['', this.idleGcs]])
    metric('hallway_idle_gc_pause_seconds_total', 'counter', 'Event-loop time those collections took.', [['', this.idleGcPauseSeconds]])
    metric('hallway_idle_gc_longest_pause_seconds', 'gauge', 'The longest of those collections.', [['', this.idleGcLongestPauseSeconds]])
    metric(
      'hallway_closes_total',
      'counter',
      'Connections closed by the server, by close code.',
      [...this.closes].sort(([a], [b]) => a - b).map(([code, n]) => [`{code="${code}"}`, n]),
    )
    metric(
      'hallway_refusals_total',
      'counter',
      'Connections and messages refused, by reason.',
      [...this.refusals].sort(([a], [b]) => byCodeUnit(a, b)).map(([reason, n]) => [`{reason="${reason}"}`, n]),
    )
    lines.push(...this.fanout.render(), ...this.store.render())
    return lines.join('\n') + '\n'
  }
}
