// Label values sort by UTF-16 code unit, not by locale: the first localeCompare in a process loads
// ICU's collation data, ~2.8 MB of RSS a node kept from its first /metrics scrape on (with 500
// members connected that was ~4.8 KB of the bench's RSS per member). Prometheus does not care
// about the order; the same input gives the same text on every machine.

/** Compares two label values by code unit (`[...].sort(byCodeUnit)`). */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
