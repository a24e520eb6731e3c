import { describe, expect, it } from 'vitest'
import { linkQualitySchema } from './call-activity'
import { connectionStateSchema, deliverySchema, officeViewSchema, type OfficeView } from './view'
import { doorStateSchema, roomKindSchema } from '../model/value-schemas'
import { seededRandom, type Random } from '../model/seeded-random'
import { count, maybe, mutate as mutateValue, pick, times } from './testing/random-values'
import { checkOfficeView } from './office-view-check'
import { coreToViewSchema, readCoreToView } from './view-port'

const CASES = 1500

/** What the zod schema makes of a value: its parsed copy, or null. */
const zodReading = (value: unknown) => {
  const parsed = officeViewSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}

const text = (random: Random) => pick(random, ['', 'ada', 'Bo', 'room-1', '__proto__', 'constructor', '😀', 'open'])
const lastAnswerKinds = officeViewSchema.shape.me.shape.lastAnswer.unwrap().shape.kind.options

/** A well-formed office of random size and content. */
function randomView(random: Random): OfficeView {
  const ids = times(count(random, 6), (i) => `m${i}`)
  const members = Object.fromEntries(
    ids.map((id) => [
      id,
      {
        id,
        name: text(random),
        avatar: text(random),
        online: random() < 0.5,
        room: maybe(random, () => text(random)),
        mic: random() < 0.5,
        cam: random() < 0.5,
        screen: random() < 0.5,
        idle: random() < 0.5,
        title: text(random),
        timezone: text(random),
        status: maybe(random, () => ({ text: text(random), emoji: text(random), dnd: random() < 0.5, until: maybe(random, () => random() * 1e12) })),
      },
    ]),
  )
  const rooms = Object.fromEntries(
    times(count(random, 4), (i) => [
      `r${i}`,
      {
        id: `r${i}`,
        name: text(random),
        kind: pick(random, roomKindSchema.options),
        door: pick(random, doorStateSchema.options),
        capacity: count(random, 20),
        order: random(),
        floor: text(random),
        occupants: times(count(random, 3), () => pick(random, ['x', ...ids])),
        knocks: times(count(random, 2), () => ({ user: text(random), at: random() * 1e12 })),
        unread: count(random, 9),
      },
    ]),
  )
  return {
    team: { id: text(random), name: text(random) },
    me: {
      userId: text(random),
      room: maybe(random, () => text(random)),
      mic: random() < 0.5,
      cam: random() < 0.5,
      screen: random() < 0.5,
      holdsMedia: random() < 0.5,
      managesRooms: random() < 0.5,
      callElsewhere: maybe(random, () => text(random)),
      knock: maybe(random, () => ({ room: text(random), at: random() })),
      pull: maybe(random, () => ({ to: text(random), room: text(random), at: random() })),
      pulls: times(count(random, 2), () => ({ from: text(random), room: text(random), at: random() })),
      mentions: times(count(random, 2), () => ({ room: text(random), by: text(random), seq: count(random, 99), at: random() })),
      lastAnswer: maybe(random, () => ({ kind: pick(random, lastAnswerKinds), by: text(random), room: text(random), admit: random() < 0.5, at: random() })),
    },
    connection: { state: pick(random, connectionStateSchema.options), detail: maybe(random, () => text(random)) },
    rooms,
    members,
    callMarks: Object.fromEntries(times(count(random, 2), () => [text(random), { speaking: random() < 0.5, quality: pick(random, linkQualitySchema.options) }])),
    discussions: Object.fromEntries(
      times(count(random, 2), () => [
        text(random),
        {
          messages: times(count(random, 2), () => ({
            id: text(random),
            author: text(random),
            text: text(random),
            at: random(),
            edited: maybe(random, () => random()),
            preview: maybe(random, () => ({ url: text(random), title: text(random), description: text(random), image: maybe(random, () => text(random)), site: text(random) })),
            mentions: times(count(random, 2), () => text(random)),
            delivery: pick(random, deliverySchema.options),
          })),
        },
      ]),
    ),
  }
}

/** Near misses of the view's values: enum neighbours and values of other enums. */
const NEAR_MISSES = [...roomKindSchema.options, ...connectionStateSchema.options, 'Open', 'good']
const mutate = (view: unknown, random: Random) => mutateValue(view, random, NEAR_MISSES)

describe('the saved office check', () => {
  it('reads every well-formed random office exactly as the zod schema does', () => {
    const random = seededRandom(1)
    for (let i = 0; i < CASES; i++) {
      const view = randomView(random)
      const checked = checkOfficeView(view)
      expect(checked).not.toBeNull()
      expect(checked).toEqual(zodReading(view))
    }
  })

  it('accepts and refuses the same mutated offices as the zod schema, with the same result', () => {
    const random = seededRandom(2)
    let refused = 0
    for (let i = 0; i < CASES; i++) {
      // One to three edits, through JSON as storage would hand it back (undefined and non-finite numbers then become what JSON makes of them) half the time.
      let view = randomView(random) as unknown
      for (let edits = 1 + count(random, 2); edits > 0; edits--) view = mutate(view, random)
      if (random() < 0.5) view = JSON.parse(JSON.stringify(view))
      const expected = zodReading(view)
      if (expected === null) refused++
      expect({ case: i, read: checkOfficeView(view) }).toEqual({ case: i, read: expected })
    }
    // The mutations reach both answers often enough for the agreement to mean something.
    expect(refused).toBeGreaterThan(CASES / 4)
    expect(refused).toBeLessThan(CASES - CASES / 10)
  })

  it('refuses what is not an office at all, as the zod schema does', () => {
    for (const value of [null, undefined, 1, 'office', [], {}, [randomView(seededRandom(3))]]) {
      expect(checkOfficeView(value)).toBeNull()
      expect(zodReading(value)).toBeNull()
    }
  })

  it('drops keys the schema does not know, as the zod schema does', () => {
    const view = { ...randomView(seededRandom(4)), extra: 1, team: { id: 't', name: 'T', secret: 'x' } }
    expect(checkOfficeView(view)).toEqual(zodReading(view))
    expect(checkOfficeView(view)).not.toHaveProperty('extra')
    expect(checkOfficeView(view)!.team).toEqual({ id: 't', name: 'T' })
  })
})

describe('readCoreToView', () => {
  const zodMessage = (value: unknown) => {
    const parsed = coreToViewSchema.safeParse(value)
    return parsed.success ? parsed.data : null
  }

  it('reads snapshots, well formed or mutated, exactly as coreToViewSchema does (their views by the hand-written check)', () => {
    const random = seededRandom(5)
    let refused = 0
    for (let i = 0; i < CASES / 3; i++) {
      let view = randomView(random) as unknown
      if (random() < 0.7) for (let edits = 1 + count(random, 2); edits > 0; edits--) view = mutate(view, random)
      const message = { type: 'snapshot', view, extra: 1 }
      const expected = zodMessage(message)
      if (expected === null) refused++
      expect({ case: i, read: readCoreToView(message) }).toEqual({ case: i, read: expected })
    }
    expect(refused).toBeGreaterThan(CASES / 30)
  })

  it('reads every other message and non-message as coreToViewSchema does', () => {
    const messages: unknown[] = [
      { type: 'patch', ops: [{ op: 'set', path: ['members', 'ada', 'mic'], value: true }] },
      { type: 'patch', ops: 'no' },
      { type: 'savedViewText', text: null },
      { type: 'result', id: 3, ok: false, error: 'Nope' },
      { type: 'result', id: 'x', ok: true },
      { type: 'snapshot' },
      [{ type: 'snapshot', view: randomView(seededRandom(6)) }],
      null,
      'snapshot',
      { type: 'other' },
    ]
    for (const message of messages) expect(readCoreToView(message)).toEqual(zodMessage(message))
    expect(readCoreToView(messages[0])).not.toBeNull()
  })
})
