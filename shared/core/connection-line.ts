import { closeReasonText, describeClose, isTerminalClose } from '../contract/close-codes'
import type { OfficeView } from '../contract/view'

/**
 * What the office's connection line says: the state of the link to the server, and the one piece
 * of news a person must read while it holds (why it closed, a refused change that was undone,
 * saving to this device failing).
 */
export class ConnectionLine {
  private link: OfficeView['connection'] = { state: 'connecting', detail: null }
  private refusalNotice: string | null = null
  private storageWarning: string | null = null

  get denied(): boolean {
    return this.link.state === 'denied'
  }

  /**
   * The connection synced (the socket opening is not enough: others' presence is not in yet).
   * Once denied, the line stays as it is: the person has to sign in again.
   */
  connected(): void {
    if (!this.denied) this.link = { state: 'online', detail: null }
  }

  disconnected(): void {
    if (!this.denied && this.link.state !== 'connecting') this.link = { state: 'offline', detail: this.link.detail }
  }

  /** The server closed the link with this code (a refused write is handled by a resync instead). */
  closed(code: number): void {
    if (!this.denied) this.link = { state: isTerminalClose(code) ? 'denied' : 'offline', detail: describeClose(code) }
  }

  /** My team replica is being replaced after a refused write: a new link is on its way. */
  resyncing(): void {
    if (!this.denied) this.link = { state: 'connecting', detail: null }
  }

  /** The server refused a change, and my copy (of `copy`) was replaced with its own. */
  refused(reason: string, copy: string): void {
    this.refusalNotice = `The server refused a change (${closeReasonText(reason)}), so your copy of ${copy} was reloaded from the server.`
  }

  /** I acted again and it went through: the refusal is old news. */
  accepted(): void {
    this.refusalNotice = null
  }

  storageFailed(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error)
    this.storageWarning = `Could not save to this device (${reason}). Your changes are kept while Hallway stays open; free disk space to save them.`
  }

  view(): OfficeView['connection'] {
    return { ...this.link, detail: this.link.detail ?? this.refusalNotice ?? this.storageWarning }
  }
}
