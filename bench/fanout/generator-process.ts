import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { GeneratorCommand, GeneratorRequest, GeneratorResponse } from './messages'

/** The load generator child, with one awaited reply per command. */
export class GeneratorProcess {
  private readonly child: ChildProcess
  private readonly pending = new Map<number, { resolve(reply: unknown): void; reject(error: Error): void }>()
  private nextId = 1
  private readonly exited: Promise<void>

  constructor() {
    this.child = fork(fileURLToPath(new URL('./generator.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      // Typed arrays (the latency samples) cross as typed arrays, not as JSON objects.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (response: GeneratorResponse) => {
      const waiter = this.pending.get(response.id)
      this.pending.delete(response.id)
      if (!waiter) return
      if (response.ok) waiter.resolve(response.reply)
      else waiter.reject(new Error(`load generator: ${response.error}`))
    })
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        for (const waiter of this.pending.values()) waiter.reject(new Error(`load generator exited with ${code}`))
        this.pending.clear()
        resolve()
      }),
    )
  }

  request<T>(command: GeneratorCommand): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (reply: unknown) => void, reject })
      this.child.send({ id, command } satisfies GeneratorRequest)
    })
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.connected) {
      await this.request({ cmd: 'close' }).catch(() => {})
      this.child.disconnect()
    }
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 5000)
    await this.exited
    clearTimeout(killer)
  }
}
