// Hand-written readers of values that cross a boundary, for code that runs before the page's first
// frame, where zod's own setup and schema building cost the reload (s10-s11 profiles). Each reader built
// from these is held to the zod schema it stands for by a property test (office-view-check.test.ts,
// token-claims.test.ts, setting-readers.test.ts). A reader never throws: any value gives a copy or FAIL.

/** Reads one value: its checked copy, or FAIL. */
export type Check<T> = (value: unknown) => T | typeof FAIL
export const FAIL = Symbol('fail')

export const string: Check<string> = (value) => (typeof value === 'string' ? value : FAIL)
export const number: Check<number> = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : FAIL)
export const boolean: Check<boolean> = (value) => (typeof value === 'boolean' ? value : FAIL)

export function oneOf<const T extends string>(...values: T[]): Check<T> {
  return (value) => (values.includes(value as T) ? (value as T) : FAIL)
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value) => (value === null ? null : check(value))
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Only the listed keys, each checked; others are dropped. */
export function object<T extends Record<string, unknown>>(shape: { [K in keyof T]: Check<T[K]> }): Check<T> {
  const keys = Object.keys(shape) as (keyof T & string)[]
  return (value) => {
    if (!isObject(value)) return FAIL
    const out = {} as T
    for (const key of keys) {
      const checked = shape[key](value[key])
      if (checked === FAIL) return FAIL
      if (checked !== undefined || key in value) out[key] = checked
    }
    return out
  }
}

export function array<T>(check: Check<T>): Check<T[]> {
  return (value) => {
    if (!Array.isArray(value)) return FAIL
    const out: T[] = new Array(value.length)
    for (let i = 0; i < value.length; i++) {
      const checked = check(value[i])
      if (checked === FAIL) return FAIL
      out[i] = checked
    }
    return out
  }
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (!isObject(value)) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** Every own enumerable string key's value checked; "__proto__" is skipped, as zod does. */
export function record<T>(check: Check<T>): Check<Record<string, T>> {
  return (value) => {
    if (!isPlainObject(value)) return FAIL
    const out: Record<string, T> = {}
    for (const key of Object.keys(value)) {
      if (key === '__proto__') continue
      const checked = check(value[key])
      if (checked === FAIL) return FAIL
      out[key] = checked
    }
    return out
  }
}

/** A string of `min` to `max` code points, as zod's .min() and .max() count them (a lone surrogate is one). */
export function text(min: number, max: number): Check<string> {
  return (value) => {
    if (typeof value !== 'string') return FAIL
    // A code point is one or two UTF-16 units: between 2·min and max units the count cannot miss.
    const units = value.length
    const length = units > max || units < 2 * min ? [...value].length : units
    return length >= min && length <= max ? value : FAIL
  }
}

/** A whole number in [min, max] and in the safe range, as zod's .int() with bounds. */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER): Check<number> {
  return (value) => (Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max ? (value as number) : FAIL)
}

/** Absent (undefined) stays absent; anything else is checked. */
export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value) => (value === undefined ? undefined : check(value))
}

/** undefined reads as `fallback`, as zod's .default(). */
export function withDefault<T>(check: Check<T>, fallback: T): Check<T> {
  return (value) => (value === undefined ? fallback : check(value))
}

/** Only the listed keys, each checked, and no others, as zod's .strict(). */
export function strictObject<T extends Record<string, unknown>>(shape: { [K in keyof T]: Check<T[K]> }): Check<T> {
  const loose = object(shape)
  return (value) => (isObject(value) && Object.keys(value).every((key) => Object.hasOwn(shape, key)) ? loose(value) : FAIL)
}

/** A check as a reader that gives undefined where the value fails. */
export function readerOf<T>(check: Check<T>): (value: unknown) => T | undefined {
  return (value) => {
    const checked = check(value)
    return checked === FAIL ? undefined : checked
  }
}
