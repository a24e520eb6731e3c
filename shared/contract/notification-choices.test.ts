import { describe, expect, it } from 'vitest'
import { seededRandom } from '../model/seeded-random'
import { count, mutate } from './testing/random-values'
import { ALL_NOTIFICATIONS, readNotificationChoices } from './notification-choices'
import { notificationChoicesSchema } from './notification-choices-schema'

const CASES = 2000

describe('readNotificationChoices', () => {
  it('reads stored choices, well formed or mutated, exactly as notificationChoicesSchema does', () => {
    const random = seededRandom(21)
    let refused = 0
    for (let i = 0; i < CASES; i++) {
      let choices: unknown = { knocks: random() < 0.5, invitations: random() < 0.5, ...(random() < 0.7 ? { mentions: random() < 0.5 } : {}) }
      if (random() < 0.8) for (let edits = 1 + count(random, 2); edits > 0; edits--) choices = mutate(choices, random, ['true', false, { knocks: true }])
      if (random() < 0.5) choices = JSON.parse(JSON.stringify(choices) ?? 'null')
      const parsed = notificationChoicesSchema.safeParse(choices)
      if (!parsed.success) refused++
      expect({ case: i, read: readNotificationChoices(choices) }).toEqual({ case: i, read: parsed.data })
    }
    // Both answers are reached often enough for the agreement to mean something.
    expect(refused).toBeGreaterThan(CASES / 4)
    expect(refused).toBeLessThan(CASES - CASES / 10)
  })

  it('reads choices stored before mentions existed as wanting them, and refuses unknown kinds', () => {
    expect(readNotificationChoices({ knocks: false, invitations: true })).toEqual({ knocks: false, invitations: true, mentions: true })
    expect(readNotificationChoices({ ...ALL_NOTIFICATIONS, calls: true })).toBeUndefined()
    expect(readNotificationChoices(JSON.parse('{"knocks": true, "invitations": true, "__proto__": {}}'))).toBeUndefined()
  })
})
