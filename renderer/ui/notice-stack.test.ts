import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { INFO_NOTICE_MS, MAX_NOTICES, createNoticeStack } from './notice-stack'

const texts = (stack: ReturnType<typeof createNoticeStack>) => stack.notices().map((notice) => notice.text)

describe('notice stack', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('expires news after its lifetime but keeps a failure until dismissed', () => {
    const stack = createNoticeStack()
    stack.push('Kim declined your invitation to Kitchen.', 'error')
    stack.push('Bob accepted your invitation to Kitchen.', 'info')
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1)
    expect(texts(stack)).toEqual(['Bob accepted your invitation to Kitchen.', 'Kim declined your invitation to Kitchen.'])
    vi.advanceTimersByTime(1)
    expect(texts(stack)).toEqual(['Kim declined your invitation to Kitchen.'])
    vi.advanceTimersByTime(10 * 60_000)
    expect(texts(stack)).toEqual(['Kim declined your invitation to Kitchen.'])
    stack.dismiss(stack.notices()[0]!.id)
    expect(texts(stack)).toEqual([])
  })

  it('puts the newest on top, shows a repeated text once, and drops the oldest past the limit', () => {
    const stack = createNoticeStack()
    const pushed = Array.from({ length: MAX_NOTICES + 1 }, (_, i) => `notice ${i}`)
    for (const text of pushed) stack.push(text, 'error')
    expect(texts(stack)).toEqual(pushed.slice(1).reverse())
    stack.push('notice 1', 'error')
    expect(texts(stack)).toEqual(['notice 1', ...pushed.slice(2).reverse().filter((text) => text !== 'notice 1')])
  })

  it('restarts the lifetime of news shown again, and a new attempt clears only failures', () => {
    const stack = createNoticeStack()
    stack.push('Ada let you in to Kitchen.', 'info')
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1)
    stack.push('Ada let you in to Kitchen.', 'info')
    stack.push('Kitchen is locked. Ask someone inside to open it.', 'error')
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1)
    expect(texts(stack)).toContain('Ada let you in to Kitchen.')
    stack.clearErrors()
    expect(texts(stack)).toEqual(['Ada let you in to Kitchen.'])
    vi.advanceTimersByTime(1)
    expect(texts(stack)).toEqual([])
  })
})
