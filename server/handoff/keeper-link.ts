import type { Logger } from '../observe/log'
import { HANDOFF_WORKER_ENV, readKeeperMessage, readWorkerMessage, type HandedDoc, type HandedMember, type HandOverDone, type WorkerToKeeper } from './handoff-messages'

/** Where a worker's hand-over messages go: TakeOver's intake, for a successor. */
export interface HandOverIntake {
  doc(doc: HandedDoc): void
  member(member: HandedMember, handle: unknown): void
  done(done: HandOverDone): void
}

/**
 * A worker's end of the channel to its keeper (keeper.ts): this process was started by one when
 * HALLWAY_HANDOFF_WORKER is set and node's IPC channel is open.
 */
export class KeeperLink {
  private handOverAsked: (() => void) | null = null

  private constructor(
    private readonly channel: NodeJS.Process & { send: NonNullable<NodeJS.Process['send']> },
    private readonly log: Logger,
  ) {}

  static of(process: NodeJS.Process, log: Logger): KeeperLink | null {
    if (process.env[HANDOFF_WORKER_ENV] !== '1' || !process.send) return null
    return new KeeperLink(process as NodeJS.Process & { send: NonNullable<NodeJS.Process['send']> }, log)
  }

  /**
   * Says this process has started, and resolves with the listening socket once the keeper gives it:
   * at once for the keeper's first worker, after the last handed member for a successor.
   */
  start(intake: HandOverIntake): Promise<object> {
    return new Promise((resolve) => {
      this.channel.on('message', (value: unknown, handle: unknown) => {
        const fromKeeper = readKeeperMessage(value)
        if (fromKeeper?.kind === 'listen' && typeof handle === 'object' && handle !== null) return resolve(handle)
        if (fromKeeper?.kind === 'hand-over') return this.handOverAsked?.()
        const relayed = readWorkerMessage(value)
        if (relayed?.kind === 'doc') return intake.doc(relayed)
        if (relayed?.kind === 'member') return intake.member(relayed, handle)
        if (relayed?.kind === 'handed') return intake.done(relayed)
        this.log.warn('message from the keeper not understood; ignored', { kind: typeof value === 'object' && value !== null ? String((value as { kind?: unknown }).kind) : typeof value })
      })
      void this.send({ kind: 'ready' })
    })
  }

  /** What to do when the keeper asks this process to hand its members over. */
  onHandOver(handOver: () => void): void {
    this.handOverAsked = handOver
  }

  send(message: WorkerToKeeper, handle?: object): Promise<void> {
    return new Promise((resolve, reject) => {
      // Sent one after another: node holds a socket's message until the last one's is acknowledged,
      // and re-sends the whole held queue at every acknowledgement (quadratic in the members).
      this.channel.send(message, handle as never, {}, (error) => (error ? reject(error) : resolve()))
    })
  }
}
