import type { Logger } from '../observe/log'
import { HANDOFF_WORKER_ENV, readToWorker, type HandedDoc, type HandedMember, type HandOverDone, type ToParent, type WorkerRole } from './handoff-messages'

/** Where a hand-over's messages go in a successor: TakeOver. */
export interface HandOverIntake {
  doc(doc: HandedDoc): void
  member(member: HandedMember, handle: unknown): void
  done(done: HandOverDone): void
}

type Channel = NodeJS.Process & { send: NonNullable<NodeJS.Process['send']> }

/**
 * A worker's channel to the process that started it (`--hand-over`): the keeper, for the first
 * worker, or the worker before, for a successor. Set up when HALLWAY_HANDOFF_WORKER names the role
 * and node's IPC channel is open.
 */
export class ParentLink {
  private constructor(
    private readonly channel: Channel,
    readonly role: WorkerRole,
    private readonly log: Logger,
  ) {}

  static of(process: NodeJS.Process, log: Logger): ParentLink | null {
    const role = process.env[HANDOFF_WORKER_ENV]
    if ((role !== 'first' && role !== 'successor') || !process.send) return null
    return new ParentLink(process as Channel, role, log)
  }

  /**
   * Says this process has started, and resolves with the listening socket once it may listen: at
   * once for the first worker; for a successor, after the hand-over's end, or when the worker
   * before is gone without one (it died mid-way: what came is kept).
   */
  start(intake: HandOverIntake): Promise<object> {
    return new Promise((resolve, reject) => {
      let listenHandle: object | null = null
      let ended = this.role === 'first'
      const listenIfDone = () => {
        if (listenHandle && ended) resolve(listenHandle)
      }
      this.channel.on('message', (value: unknown, handle: unknown) => {
        const message = readToWorker(value)
        if (message?.kind === 'listen' && typeof handle === 'object' && handle !== null) listenHandle = handle
        else if (message?.kind === 'doc') intake.doc(message)
        else if (message?.kind === 'member') intake.member(message, handle)
        else if (message?.kind === 'handed') {
          intake.done(message)
          ended = true
        } else this.log.warn('message from the process before not understood; ignored', { kind: kindOf(value) })
        listenIfDone()
      })
      this.channel.once('disconnect', () => {
        ended = true
        if (listenHandle) return resolve(listenHandle)
        reject(new Error('The process that started this worker went away before handing over the listening socket.'))
      })
      this.channel.send({ kind: 'ready' } satisfies ToParent)
    })
  }
}

function kindOf(value: unknown): string {
  return typeof value === 'object' && value !== null ? String((value as { kind?: unknown }).kind) : typeof value
}
