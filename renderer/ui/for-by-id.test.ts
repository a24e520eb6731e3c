import { describe, expect, it, vi } from 'vitest'
import { createRoot, createSignal, createEffect, type Accessor } from 'solid-js'
import { mapById } from './for-by-id'

// Node resolves 'solid-js' to its server build, which does not react; the browser build does.
vi.mock('solid-js', () => import('../../node_modules/solid-js/dist/solid.js' as string))

interface Person {
  id: string
  name: string
}

/** A list mapped by id, with each row counting how often its item's name was read (as a DOM effect would be re-run). */
function rowsOf(initial: Person[]) {
  return createRoot((dispose) => {
    const [list, setList] = createSignal<readonly Person[]>(initial)
    let made = 0
    const reads = new Map<string, number>()
    const rows = mapById(list, (item: Accessor<Person>) => {
      const row = { id: item().id, serial: made++, name: '' }
      createEffect(() => {
        row.name = item().name
        reads.set(row.id, (reads.get(row.id) ?? 0) + 1)
      })
      return row
    })
    // As a DOM insert would: something reads the rows, so they are kept up to date.
    createEffect(() => rows())
    return { rows, setList, reads, made: () => made, dispose }
  })
}

const flush = () => new Promise((done) => setTimeout(done))

describe('mapById', () => {
  it('keeps the row of an id whose item became another object, and re-runs only its reads', async () => {
    const ada = { id: 'ada', name: 'Ada' }
    const bob = { id: 'bob', name: 'Bob' }
    const list = rowsOf([ada, bob])
    await flush()
    const before = list.rows()
    list.setList([{ ...ada }, { id: 'bob', name: 'Bob Kahn' }])
    await flush()
    // Same rows (no new ones made); each read again once, the new name written.
    expect(list.rows()).toEqual(before)
    expect(list.rows()[0]).toBe(before[0])
    expect(list.made()).toBe(2)
    expect(list.rows().map((row) => row.name)).toEqual(['Ada', 'Bob Kahn'])
    expect(Object.fromEntries(list.reads)).toEqual({ ada: 2, bob: 2 })
    list.dispose()
  })

  it('notifies no row whose item is the same object when another item changes', async () => {
    const ada = { id: 'ada', name: 'Ada' }
    const bob = { id: 'bob', name: 'Bob' }
    const list = rowsOf([ada, bob])
    await flush()
    list.setList([ada, { ...bob, name: 'Bob Kahn' }])
    await flush()
    expect(Object.fromEntries(list.reads)).toEqual({ ada: 1, bob: 2 })
    list.dispose()
  })

  it('drops the row of an id that left, makes one for an id that came, and follows the order', async () => {
    const ada = { id: 'ada', name: 'Ada' }
    const bob = { id: 'bob', name: 'Bob' }
    const cy = { id: 'cy', name: 'Cy' }
    const list = rowsOf([ada, bob])
    await flush()
    const [adaRow, bobRow] = list.rows()
    list.setList([{ ...cy }, { ...ada }])
    await flush()
    expect(list.rows().map((row) => row.id)).toEqual(['cy', 'ada'])
    expect(list.rows()[1]).toBe(adaRow)
    expect(list.rows()).not.toContain(bobRow)
    expect(list.made()).toBe(3)
    list.setList([ada, cy])
    await flush()
    expect(list.rows().map((row) => row.id)).toEqual(['ada', 'cy'])
    expect(list.made()).toBe(3)
    list.dispose()
  })
})
