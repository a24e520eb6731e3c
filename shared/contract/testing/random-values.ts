// Random and mutated input for the property tests that hold a hand-written reader (shared/contract/value-checks.ts)
// to the zod schema it stands for.
import type { Random } from '../../model/seeded-random'

export const pick = <T,>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)]!
export const count = (random: Random, most: number) => Math.floor(random() * (most + 1))
export const maybe = <T,>(random: Random, make: () => T): T | null => (random() < 0.4 ? null : make())
export const times = <T,>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i))

/** A value of any JSON-ish kind, including near misses (non-finite and unsafe numbers, a number as a string, and `nearMisses`: an enum's neighbours, strings at a bound). */
export function randomValue(random: Random, nearMisses: readonly unknown[] = []): unknown {
  return pick(random, [
    () => null,
    () => undefined,
    () => true,
    () => 0,
    () => -1.5,
    () => 7,
    () => 2 ** 53,
    () => Number.NaN,
    () => Number.POSITIVE_INFINITY,
    () => '',
    () => '1',
    () => (nearMisses.length > 0 ? pick(random, nearMisses) : 'x'),
    () => [],
    () => ['x'],
    () => ({}),
    () => ({ id: 'x' }),
    () => JSON.parse('{"__proto__": {"name": "x"}}') as unknown,
  ])()
}

/** Every object or array inside `value`, with the value itself. */
function containers(value: unknown, found: object[] = []): object[] {
  if (typeof value !== 'object' || value === null) return found
  found.push(value)
  for (const inner of Object.values(value)) containers(inner, found)
  return found
}

/** One random edit somewhere in `value` (returned; a value with no object in it is replaced): a field given a value of another kind, deleted, or an extra key added. */
export function mutate(value: unknown, random: Random, nearMisses: readonly unknown[] = []): unknown {
  const found = containers(value)
  if (found.length === 0) return randomValue(random, nearMisses)
  const target = pick(random, found) as Record<string, unknown>
  const keys = Object.keys(target)
  const roll = random()
  // Defined, not assigned: JSON.parse makes "__proto__" an own key, never the prototype.
  if (keys.length === 0 || roll < 0.15) Object.defineProperty(target, pick(random, ['extra', '__proto__', 'constructor', '0']), { value: randomValue(random, nearMisses), enumerable: true, writable: true, configurable: true })
  else if (roll < 0.3) delete target[pick(random, keys)]
  else target[pick(random, keys)] = randomValue(random, nearMisses)
  return value
}
