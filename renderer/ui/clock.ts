import { createSignal, onCleanup, type Accessor } from 'solid-js'

/** The current time, refreshed every `everyMs` while the owner lives (for "until 15:30" and local times). */
export function createNow(everyMs = 30_000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now())
  const timer = setInterval(() => setNow(Date.now()), everyMs)
  onCleanup(() => clearInterval(timer))
  return now
}
