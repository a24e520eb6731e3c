import { parseArgs } from 'node:util'

/** A mistake in how the command was called: exit 2 with usage. */
export class UsageError extends Error {
  override name = 'UsageError'
}

type FlagSpec = Record<string, { type: 'string' }>

/** Strict flag parsing: unknown flags and stray words are usage errors. */
export function parseFlags(argv: readonly string[], flags: readonly string[]): Record<string, string | undefined> {
  const options: FlagSpec = {}
  for (const flag of flags) options[flag] = { type: 'string' }
  try {
    const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false })
    return values as Record<string, string | undefined>
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

export function required(values: Record<string, string | undefined>, flag: string): string {
  const value = values[flag]
  if (value === undefined || value === '') throw new UsageError(`Missing --${flag}.`)
  return value
}

export function positiveInt(flag: string, text: string, max = 100_000): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN
  if (!(value >= 1 && value <= max)) throw new UsageError(`--${flag} must be a whole number from 1 to ${max} (got "${text}").`)
  return value
}

export function nonNegativeNumber(flag: string, text: string, max: number): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > max) {
    throw new UsageError(`--${flag} must be a number from 0 to ${max} (got "${text}").`)
  }
  return value
}
