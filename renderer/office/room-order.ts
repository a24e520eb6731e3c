/** Room ids after moving one a step up (-1) or down (+1); the same order when it cannot move. */
export function moveRoom(ids: readonly string[], id: string, delta: -1 | 1): string[] {
  const from = ids.indexOf(id)
  const to = from + delta
  if (from < 0 || to < 0 || to >= ids.length) return [...ids]
  const next = [...ids]
  next[from] = ids[to]!
  next[to] = id
  return next
}
