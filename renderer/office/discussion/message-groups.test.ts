import { describe, expect, it } from 'vitest'
import { startsGroup } from './message-groups'

describe('message groups', () => {
  it('groups messages by one author within five minutes', () => {
    const m = (author: string, minute: number) => ({ author, at: minute * 60_000 })
    expect(startsGroup(undefined, m('ada', 0))).toBe(true)
    expect(startsGroup(m('ada', 0), m('ada', 4))).toBe(false)
    expect(startsGroup(m('ada', 0), m('ada', 6))).toBe(true)
    expect(startsGroup(m('ada', 0), m('bob', 1))).toBe(true)
  })
})
