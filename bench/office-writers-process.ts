// The office bench's side of the writers' child process (bench/office-writers.ts): one command at
// a time, each answered once.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { RateResult, WritersCommand, WritersOptions } from './office-writers'

export interface Writers {
  /** Awareness client id → member id, to tell the writers' changes in what the office receives. */
  readonly members: ReadonlyMap<number, string>
  /** Toggles `count` mics one after another, `gapMs` apart (round robin over the writers). */
  oneAtATime(count: number, gapMs: number): Promise<number>
  /** Toggles mics at `perSecond` for `ms`. */
  atRate(perSecond: number, ms: number): Promise<RateResult>
  close(): Promise<void>
}

type Reply = { ok: true; value: unknown } | { ok: false; error: string }

export async function openWriters(options: WritersOptions): Promise<Writers> {
  const child = fork(fileURLToPath(new URL('./office-writers.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    // The token secret crosses as a Uint8Array.
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const request = <T>(command: WritersCommand): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`writers process exited with ${code}`))
      child.once('exit', onExit)
      child.once('message', (reply: Reply) => {
        child.off('exit', onExit)
        if (reply.ok) resolve(reply.value as T)
        else reject(new Error(`writers: ${reply.error}`))
      })
      child.send(command)
    })
  const close = async () => {
    if (child.connected) child.disconnect()
    await exited
  }
  try {
    const members = await request<[number, string][]>({ cmd: 'open', options })
    return {
      members: new Map(members),
      oneAtATime: (count, gapMs) => request({ cmd: 'oneAtATime', count, gapMs }),
      atRate: (perSecond, ms) => request({ cmd: 'atRate', perSecond, ms }),
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}
