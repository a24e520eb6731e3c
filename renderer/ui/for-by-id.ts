import { createMemo, mapArray, type Accessor, type JSX } from 'solid-js'

/** Whether two id lists are the same ids in the same order (then the rows stay as they are). */
function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}

/**
 * A list's rows kept by id, not by object: an item replaced by another object with the same id (the
 * saved view's plain member giving way to the live store's) keeps its row, and the row's reads of
 * `item()` run again, so only what differs is written. An item that is the same object as before
 * notifies nothing: a change to one member re-runs one small memo per row (a map lookup) and
 * touches only the rows whose item changed. A row goes when its id leaves the list and comes when
 * one joins; order follows the list.
 */
export function mapById<T extends { readonly id: string }, U>(list: Accessor<readonly T[]>, row: (item: Accessor<T>) => U): Accessor<U[]> {
  const byId = createMemo(() => {
    const items = new Map<string, T>()
    for (const item of list()) items.set(item.id, item)
    return items
  })
  const ids = createMemo(() => list().map((item) => item.id), [], { equals: sameIds })
  return createMemo(
    mapArray(ids, (id) => {
      // A row whose id just left may be asked once more before it is disposed: it keeps its last item.
      let last: T
      const item = createMemo(() => (last = byId().get(id) ?? last))
      return row(item)
    }),
  )
}

/** `<For>` keyed by id (mapById): `{(item) => <Face member={item()} />}`. */
export function ForById<T extends { readonly id: string }>(props: { each: readonly T[]; children: (item: Accessor<T>) => JSX.Element }): JSX.Element {
  return mapById(() => props.each, (item) => props.children(item)) as unknown as JSX.Element
}
