/**
 * Synthetic members shared by `seed`, `tokens` and `crowd`, so a seeded team's members are the
 * same people the load tokens and the crowd sign in as.
 */
// No 'Ada': `npm start`'s demo member is Ada Lovelace, and a seeded stranger by her name would make two of her.
const FIRST = ['Annie', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Ken', 'Margaret', 'Linus', 'Radia', 'Dennis', 'Frances', 'Tim', 'Hedy', 'John', 'Katherine', 'Guido']
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Thompson', 'Hamilton', 'Torvalds', 'Perlman', 'Ritchie', 'Allen', 'Berners-Lee']

export function loadUserId(index: number): string {
  return `load-${index}`
}

export function loadUserName(index: number): string {
  const i = index - 1
  const first = FIRST[i % FIRST.length]!
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!
  const round = Math.floor(i / (FIRST.length * LAST.length))
  return round === 0 ? `${first} ${last}` : `${first} ${last} ${round + 1}`
}
