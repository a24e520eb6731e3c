import { describe, expect, it } from 'vitest'
import { loadCoreMessageChecks, withCoreMessageChecks, type CoreMessageChecks } from './core-message-checks'

/** A loading the test settles itself. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}

const result = (id: number) => ({ type: 'result', id, ok: true })

describe('core message checks', () => {
  it("load the contract's real checks: a result passes, an off-contract message and a patch that does not fit are refused", async () => {
    const checks = await loadCoreMessageChecks()
    expect(checks.readCoreToView(result(1))).toEqual(result(1))
    expect(checks.readCoreToView({ type: 'result', id: 'one', ok: true })).toBeNull()
    expect(checks.patchRefusal({ op: 'set', path: ['team', 'name'], value: 42 })).not.toBeNull()
    expect(checks.patchRefusal({ op: 'set', path: ['team', 'name'], value: 'Acme' })).toBeNull()
  })

  it('hold the messages that come while the checks load and hand them over in order once loaded; later ones at once', async () => {
    const checks = await loadCoreMessageChecks()
    const loading = deferred<CoreMessageChecks>()
    const handled: unknown[] = []
    let loads = 0
    const listener = withCoreMessageChecks(
      (raw, given) => handled.push(given.readCoreToView(raw)),
      () => handled.push('failed'),
      () => (loads++, loading.promise),
    )
    listener(result(1))
    listener(result(2))
    listener(result(3))
    expect(handled).toEqual([])
    loading.resolve(checks)
    await loading.promise
    expect(handled).toEqual([result(1), result(2), result(3)])
    listener(result(4))
    expect(handled).toEqual([result(1), result(2), result(3), result(4)])
    expect(loads).toBe(1)
  })

  it('say so once when the checks cannot be loaded, drop what waited, and try again on the next message', async () => {
    const checks = await loadCoreMessageChecks()
    const attempts = [deferred<CoreMessageChecks>(), deferred<CoreMessageChecks>()]
    const handled: unknown[] = []
    let failures = 0
    const listener = withCoreMessageChecks(
      (raw, given) => handled.push(given.readCoreToView(raw)),
      () => failures++,
      () => attempts.shift()!.promise,
    )
    const first = attempts[0]!
    const second = attempts[1]!
    listener(result(1))
    listener(result(2))
    first.reject(new Error('chunk gone'))
    await first.promise.catch(() => undefined)
    expect(failures).toBe(1)
    expect(handled).toEqual([])
    listener(result(3))
    second.resolve(checks)
    await second.promise
    expect(handled).toEqual([result(3)])
    expect(failures).toBe(1)
  })
})
