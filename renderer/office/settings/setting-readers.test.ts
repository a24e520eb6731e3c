import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AWAY_AFTER_MAX_MINUTES } from '../../../shared/contract/away-after'
import { boolean, readerOf } from '../../../shared/contract/value-checks'
import { THEME_CHOICES, themeChoiceOf } from '../../ui/theme'
import { talkKeyProblem } from '../push-to-talk'
import { readTalkKey } from '../use-push-to-talk'
import { readAwayAfter } from './away-after'

// The office's per-device settings are read before its first frame by hand-written readers; each is held
// here to the zod schema it replaced, on the values a stored setting could be and their near misses.
const VALUES: unknown[] = [
  null, undefined, true, false, 0, 1, 7, 480, 481, -1, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY,
  '', '1', 'system', 'light', 'dark', 'Dark', 'Space', 'KeyT', 'Tab', 'Shift Left', 'a'.repeat(32), 'a'.repeat(33), '😀',
  [], [true], {}, { light: true },
]

const agree = <T,>(read: (value: unknown) => T | undefined, schema: z.ZodType<T>) => {
  for (const value of VALUES) expect({ value, read: read(value) }).toEqual({ value, read: schema.safeParse(value).data })
}

describe('the office settings readers', () => {
  it('read the theme as z.enum(THEME_CHOICES) does', () => {
    agree((value) => themeChoiceOf(value) ?? undefined, z.enum(THEME_CHOICES))
  })

  it('read "away after" as z.number().int().min(1).max(AWAY_AFTER_MAX_MINUTES) does', () => {
    agree(readAwayAfter, z.number().int().min(1).max(AWAY_AFTER_MAX_MINUTES))
  })

  it('read push to talk and its key as z.boolean() and a refined z.string() do', () => {
    agree(readerOf(boolean), z.boolean())
    agree(readTalkKey, z.string().refine((code) => talkKeyProblem(code) === null))
  })
})
