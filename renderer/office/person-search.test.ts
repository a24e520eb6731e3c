import { describe, expect, it } from 'vitest'
import { foldForSearch, indexPeople, searchPeople, wordScore } from './person-search'

const people = [
  { name: 'Ada Lovelace', title: 'Analyst' },
  { name: 'Sam Okafor', title: 'Designer' },
  { name: 'Samira Haddad', title: 'Engineer' },
  { name: 'Zoë Ångström', title: 'Sales lead' },
  { name: 'Bob Kahn', title: 'Network engineer' },
]
const names = (query: string, limit = 10) => searchPeople(indexPeople(people), query, limit).map((p) => p.name)

describe('foldForSearch', () => {
  it('drops accents and case so "zoe" finds Zoë', () => {
    expect(foldForSearch('Zoë Ångström')).toBe('zoe angstrom')
    expect(foldForSearch('ÉCOLE Façade')).toBe('ecole facade')
  })
})

describe('wordScore', () => {
  it('ranks a prefix of the text over a later word prefix over initials over a substring over scattered letters', () => {
    const whole = wordScore('lov', 'lovelace ada')!
    const word = wordScore('lov', 'ada lovelace')!
    const initials = wordScore('al', 'ada lovelace')!
    const inside = wordScore('ove', 'ada lovelace')!
    const scattered = wordScore('alc', 'ada lovelace')!
    expect(whole).toBeGreaterThan(word)
    expect(word).toBeGreaterThan(initials)
    expect(initials).toBeGreaterThan(inside)
    expect(inside).toBeGreaterThan(scattered)
    expect(scattered).toBeGreaterThan(0)
  })

  it('is null when the letters are missing or out of order', () => {
    expect(wordScore('xyz', 'ada lovelace')).toBeNull()
    expect(wordScore('la', 'al')).toBeNull()
  })

  it('scores scattered letters on word starts above letters mid-word', () => {
    expect(wordScore('alv', 'ada lovelace')!).toBeGreaterThan(wordScore('dvc', 'ada lovelace')!)
  })
})

describe('searchPeople', () => {
  it('finds people by part of a name, best match first', () => {
    expect(names('sam')).toEqual(['Sam Okafor', 'Samira Haddad'])
    expect(names('okaf')).toEqual(['Sam Okafor'])
  })

  it('matches initials and scattered letters', () => {
    expect(names('al')[0]).toBe('Ada Lovelace')
    expect(names('smhd')).toEqual(['Samira Haddad'])
  })

  it('folds accents in the query and in names', () => {
    expect(names('zoe ang')).toEqual(['Zoë Ångström'])
    expect(names('ZOË')).toEqual(['Zoë Ångström'])
  })

  it('searches titles, with a name match ranked above a title match', () => {
    expect(names('engineer')).toEqual(['Samira Haddad', 'Bob Kahn'])
    expect(names('sa')[0]).toBe('Sam Okafor')
    expect(names('sa')).toContain('Zoë Ångström')
  })

  it('needs every query word to match the person', () => {
    expect(names('sam engineer')).toEqual(['Samira Haddad'])
    expect(names('sam nobody')).toEqual([])
  })

  it('finds nobody for an empty query and keeps to the limit', () => {
    expect(names('   ')).toEqual([])
    expect(names('a', 2)).toHaveLength(2)
  })

  it('breaks ties by name so results never shuffle', () => {
    const twins = indexPeople([
      { name: 'Kim B', title: '' },
      { name: 'Kim A', title: '' },
    ])
    expect(searchPeople(twins, 'kim', 5).map((p) => p.name)).toEqual(['Kim A', 'Kim B'])
  })
})
