const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()

/** A message time: "14:05" today, "Mar 3, 14:05" before. */
export function messageTime(at: number, now: number, locale?: string): string {
  const date = new Date(at)
  const time = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
  if (sameDay(date, new Date(now))) return time
  return `${date.toLocaleDateString(locale, { month: 'short', day: 'numeric' })}, ${time}`
}

/** The wall-clock time in a member's time zone, or null when it is empty or unknown. */
export function localTime(timezone: string, now: number, locale?: string): string | null {
  if (!timezone) return null
  try {
    return new Date(now).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone: timezone })
  } catch {
    return null
  }
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
