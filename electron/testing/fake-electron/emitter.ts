// The event emitter every fake Electron object builds on: on, once and emit, as Node's EventEmitter.
type Listener = (...args: never[]) => unknown

export class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>()
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: Listener): this {
    const wrapped = ((...args: never[]) => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== wrapped))
      return listener(...args)
    }) as Listener
    return this.on(event, wrapped)
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args)
  }
}
