import { describe, expect, it } from 'vitest'
import type { MemberView } from '../../../shared/contract/view'
import { insertMention, mentionQueryAt, mentionSuggestions, resolveMentions } from './mentions'

const member = (id: string, name: string) => ({ id, name }) as MemberView
const team = [member('ada', 'Ada Lovelace'), member('al', 'Al'), member('bob', 'Bob Kahn'), member('b2', 'Bob Kahn'), member('cy', 'Cy Adams'), member('me', 'Me Myself')]

describe('mentions in the composer', () => {
  it('finds the @query the caret is in, only at the start of a word', () => {
    expect(mentionQueryAt('hi @Ad', 6)).toEqual({ start: 3, query: 'Ad' })
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionQueryAt('mail a@b', 8)).toBeNull()
    expect(mentionQueryAt('@Ada done', 9)).toBeNull()
  })

  it('suggests names starting with the query, then names with a word starting with it, never me', () => {
    expect(mentionSuggestions(team, 'ad', 'me').map((m) => m.id)).toEqual(['ada', 'cy'])
    expect(mentionSuggestions(team, 'm', 'me')).toEqual([])
    expect(mentionSuggestions(team, '', 'me')).toHaveLength(6 - 1)
  })

  it('puts the picked name in place of the query, caret after it', () => {
    expect(insertMention('hi @Ad, ok', 3, 6, 'Ada Lovelace')).toEqual({ text: 'hi @Ada Lovelace , ok', caret: 17 })
  })

  it('resolves each @Name to one member: the longest name, a picked one among namesakes, none when ambiguous', () => {
    expect(resolveMentions('@Ada Lovelace and @Al, see @Alfred', team, new Map())).toEqual(['ada', 'al'])
    expect(resolveMentions('@Bob Kahn?', team, new Map())).toEqual([])
    expect(resolveMentions('@Bob Kahn?', team, new Map([['Bob Kahn', 'b2']]))).toEqual(['b2'])
    expect(resolveMentions('no one', team, new Map())).toEqual([])
  })
})
