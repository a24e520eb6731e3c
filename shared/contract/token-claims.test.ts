import { describe, expect, it } from 'vitest'
import { seededRandom, type Random } from '../model/seeded-random'
import { count, mutate, pick } from './testing/random-values'
import { checkTokenClaims, type TokenClaims } from './token-claims'
import { tokenClaimsSchema } from './token-claims-schema'

const CASES = 3000

const zodReading = (value: unknown) => {
  const parsed = tokenClaimsSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}

/** Strings at and beside the bounds (1 to 64 and 80 code points: an emoji is two UTF-16 units, a lone surrogate one), numbers at the safe integer's edge. */
const NEAR_MISSES = ['a'.repeat(64), 'a'.repeat(63) + '😀', '\ud83d'.repeat(65), 'a'.repeat(65), 'a'.repeat(80), 'a'.repeat(81), '😀'.repeat(32), '😀'.repeat(40), 'owner', 'Admin', 2 ** 53 - 1, -3, 0.5, 1e300]
const text = (random: Random, max: number) => pick(random, ['a', 'ada', 'x'.repeat(max), '😀', 'b'.repeat(1 + count(random, max - 1))])

function randomClaims(random: Random): TokenClaims {
  const exp = pick(random, [1, 1_900_000_000, 2 ** 53 - 1])
  return {
    sub: text(random, 64),
    team: text(random, 64),
    role: pick(random, ['admin', 'member', 'guest'] as const),
    name: text(random, 80),
    exp,
    ...(random() < 0.5 ? { iat: exp - count(random, 1000) } : {}),
  }
}

describe('checkTokenClaims', () => {
  it('reads well-formed and mutated claims exactly as tokenClaimsSchema does', () => {
    const random = seededRandom(11)
    let refused = 0
    for (let i = 0; i < CASES; i++) {
      let claims: unknown = randomClaims(random)
      if (random() < 0.8) for (let edits = 1 + count(random, 2); edits > 0; edits--) claims = mutate(claims, random, NEAR_MISSES)
      if (random() < 0.5) claims = JSON.parse(JSON.stringify(claims) ?? 'null')
      const expected = zodReading(claims)
      if (expected === null) refused++
      expect({ case: i, read: checkTokenClaims(claims) }).toEqual({ case: i, read: expected })
    }
    // Both answers are reached often enough for the agreement to mean something.
    expect(refused).toBeGreaterThan(CASES / 4)
    expect(refused).toBeLessThan(CASES - CASES / 10)
  })

  it('drops keys it does not know and refuses what is not claims, as the schema does', () => {
    const claims = { sub: 'ada', team: 't', role: 'member', name: 'Ada', exp: 2, extra: 1 }
    expect(checkTokenClaims(claims)).toEqual({ sub: 'ada', team: 't', role: 'member', name: 'Ada', exp: 2 })
    for (const value of [null, undefined, 1, 'claims', [], {}, [claims]]) {
      expect(checkTokenClaims(value)).toBeNull()
      expect(zodReading(value)).toBeNull()
    }
  })
})
