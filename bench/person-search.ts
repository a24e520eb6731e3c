// Find a person (issue 12): what one keystroke costs over a 1,000-member team, and folding the team once.
import { performance } from 'node:perf_hooks'
import { indexPeople, searchPeople } from '../renderer/office/person-search'
import type { Figure } from './presence'

const MEMBERS = 1000
const FIRST = ['Ada', 'Sam', 'Zoë', 'Bob', 'Åsa', 'Chidi', 'Mei', 'José', 'Priya', 'Lars', 'Noor', 'Kenji']
const LAST = ['Lovelace', 'Okafor', 'Ångström', 'Kahn', 'Núñez', 'Haddad', 'Berg', 'Tanaka', 'Iyer', 'Müller', 'Silva']
const TITLES = ['Engineer', 'Designer', 'Sales lead', 'Network engineer', 'Support', 'Product manager', 'Analyst']
/** Each prefix of each query is one keystroke. */
const QUERIES = ['sam okafor', 'zoe ang', 'eng', 'jsnz', 'product man', 'priya iyer 4']
const ROUNDS = 200

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!
const micros = (ms: number) => Math.round(ms * 1000)

export function runPersonSearchBench(): Figure[] {
  const people = Array.from({ length: MEMBERS }, (_, i) => ({
    name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]} ${i}`,
    title: TITLES[i % TITLES.length]!,
  }))
  const builds: number[] = []
  const keystrokes: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    let at = performance.now()
    const index = indexPeople(people)
    builds.push(performance.now() - at)
    for (const query of QUERIES) {
      for (let end = 1; end <= query.length; end++) {
        at = performance.now()
        searchPeople(index, query.slice(0, end), 50)
        keystrokes.push(performance.now() - at)
      }
    }
  }
  builds.sort((a, b) => a - b)
  keystrokes.sort((a, b) => a - b)
  return [
    { name: `fold ${MEMBERS} names and titles (p50)`, value: micros(percentile(builds, 0.5)), unit: 'µs' },
    { name: `one keystroke over ${MEMBERS} members (p50)`, value: micros(percentile(keystrokes, 0.5)), unit: 'µs' },
    { name: `one keystroke over ${MEMBERS} members (p99)`, value: micros(percentile(keystrokes, 0.99)), unit: 'µs' },
  ]
}
