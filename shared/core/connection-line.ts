import { closeReasonText, describeClose, isTerminalClose } from '../contract/close-codes'
import type { OfficeView } from '../contract/view'

/**
 * How long the line says "connecting" before it says offline, when the server neither admits this
 * core (its first sync) nor closes the socket. A busy server admits slowly (issue 14: 1,000 members
 * after a restart synced in 3.7–13.7 s), and a reloaded page shows its saved office until the line
 * leaves "connecting"; a server that accepts the socket and never answers must still end the wait.
 */
export const ADMISSION_WAIT_MS = 15_000

/**
 * What the office's connection line says: the state of the link to the server, and the one piece
 * of news a person must read while it holds (why it closed, a refused change that was undone,
 * saving to this device failing).
 */
export class ConnectionLine {
  private link: OfficeView['connection'] = { state: 'connecting', detail: null }
  private refusalNotice: string | null = null
  private storageWarning: string | null = null
  private admission: ReturnType<typeof setTimeout> | undefined

  /** `changed` is told when the line moves on its own (the admission wait ran out). */
  constructor(
    private readonly changed: () => void = () => {},
    private readonly admissionWaitMs = ADMISSION_WAIT_MS,
  ) {
    this.awaitAdmission()
  }

  get denied(): boolean {
    return this.link.state === 'denied'
  }

  /**
   * The connection synced (the socket opening is not enough: others' presence is not in yet).
   * Once denied, the line stays as it is: the person has to sign in again.
   */
  connected(): void {
    clearTimeout(this.admission)
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
    if (this.denied) return
    this.link = { state: 'connecting', detail: null }
    this.awaitAdmission()
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

  close(): void {
    clearTimeout(this.admission)
  }

  /** Still connecting when the wait runs out: offline, as a closed socket would be (the socket keeps waiting). */
  private awaitAdmission(): void {
    clearTimeout(this.admission)
    this.admission = setTimeout(() => {
      if (this.link.state !== 'connecting') return
      this.link = { state: 'offline', detail: null }
      this.changed()
    }, this.admissionWaitMs)
  }

  view(): OfficeView['connection'] {
    return { ...this.link, detail: this.link.detail ?? this.refusalNotice ?? this.storageWarning }
  }
}
