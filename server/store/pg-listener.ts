import pg from 'pg'
import type { Logger } from '../observe/log'

const RECONNECT_MS = 1000

/**
 * LISTENs on one Postgres channel on its own connection (a pooled one would lose the LISTEN),
 * reconnecting after a lost connection for as long as it runs.
 */
export class PgChannelListener {
  private client: pg.Client | null = null
  private retry: ReturnType<typeof setTimeout> | null = null
  private stopped = false

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly log: Logger,
  ) {
    this.connect()
  }

  async close(): Promise<void> {
    this.stopped = true
    if (this.retry) clearTimeout(this.retry)
    const client = this.client
    this.client = null
    await client?.end().catch(() => {})
  }

  private connect(): void {
    if (this.stopped) return
    const client = new pg.Client({ connectionString: this.connectionString })
    this.client = client
    const lost = (error?: unknown) => {
      if (this.client !== client || this.stopped) return
      this.log.warn('postgres listener connection lost; reconnecting', { channel: this.channel, error })
      this.client = null
      client.end().catch(() => {})
      this.retry = setTimeout(() => this.connect(), RECONNECT_MS)
      this.retry.unref()
    }
    client.on('error', lost)
    client.on('end', () => lost())
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.onNotify()
    })
    client
      .connect()
      .then(() => client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`))
      // Anything written while we were not listening is picked up by one reload now.
      .then(() => this.onNotify())
      .catch(lost)
  }
}
