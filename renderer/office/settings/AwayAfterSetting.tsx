import { createSignal } from 'solid-js'
import { AWAY_AFTER_MAX_MINUTES } from '../../../shared/contract/away-after'
import { FormError } from '../../ui/Dialog'
import { awayAfterMinutes, readAwayAfter, setAwayAfterMinutes } from './away-after'

/** "Show me as away after N minutes without input", saved as soon as it is a whole number in range. */
export function AwayAfterSetting() {
  const [problem, setProblem] = createSignal<string | null>(null)
  const change = (raw: string) => {
    const minutes = readAwayAfter(Number(raw))
    setProblem(minutes !== undefined ? null : `Away after is a whole number of minutes from 1 to ${AWAY_AFTER_MAX_MINUTES}.`)
    if (minutes !== undefined) setAwayAfterMinutes(minutes)
  }
  return (
    <div class="settings-rows">
      <label class="settings-row">
        <span class="settings-row-label">Show me as away after (minutes without input)</span>
        <input class="settings-number" type="number" min="1" max={AWAY_AFTER_MAX_MINUTES} step="1" value={awayAfterMinutes()} onChange={(event) => change(event.currentTarget.value)} />
      </label>
      <FormError error={problem()} />
    </div>
  )
}
