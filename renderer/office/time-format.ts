const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()

/** A message time: "14:05" today, "Mar 3, 14:05" before. */
export function messageTime(at: number, now: number, locale?: string): string {
  const date = new Date(at)
  const time = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
  if (sameDay(date, new Date(now))) return time
  return `${date.toLocaleDateString(locale, { month: 'short', day: 'numeric' })}, ${time}`
}

// Building a formatter costs ~0.1 ms (toLocaleTimeString builds one per call): a 300-face office
// asks for a local time per face on every paint, so one formatter per locale and zone is kept.
const MAX_CLOCK_FORMATTERS = 1000
const clockFormatters = new Map<string, Intl.DateTimeFormat | null>()

function clockFormatter(timezone: string, locale: string | undefined): Intl.DateTimeFormat | null {
  const key = `${locale ?? ''}\n${timezone}`
  let formatter = clockFormatters.get(key)
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: timezone })
    } catch {
      formatter = null
    }
    if (clockFormatters.size >= MAX_CLOCK_FORMATTERS) clockFormatters.clear()
    clockFormatters.set(key, formatter)
  }
  return formatter
}

/** The wall-clock time in a member's time zone, or null when it is empty or unknown. */
export function localTime(timezone: string, now: number, locale?: string): string | null {
  if (!timezone) return null
  return clockFormatter(timezone, locale)?.format(now) ?? null
}

/** Every IANA time zone the browser knows, for the profile's suggestions. */
export function knownTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] }
  return intl.supportedValuesOf?.('timeZone') ?? []
}

/** The device's own time zone. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? ''
}
