// "Away after N minutes", chosen on this device and told to its core, which judges idle reports by it.
import { createEffect } from 'solid-js'
import { AWAY_AFTER_DEFAULT_MINUTES, AWAY_AFTER_MAX_MINUTES } from '../../../shared/contract/away-after'
import type { CoreCommand } from '../../../shared/contract/commands'
import { integer, readerOf } from '../../../shared/contract/value-checks'
import { storedSignal } from '../../ui/stored-signal'

/** A whole number of minutes from 1 to AWAY_AFTER_MAX_MINUTES, or undefined. */
export const readAwayAfter = readerOf(integer(1, AWAY_AFTER_MAX_MINUTES))
export const [awayAfterMinutes, setAwayAfterMinutes] = storedSignal('hallway.awayAfterMinutes', readAwayAfter, AWAY_AFTER_DEFAULT_MINUTES)

/** Sends the choice to the core now and after each change (a restarted core hears it again on its new view). */
export function reportAwayAfter(report: (command: CoreCommand) => void): void {
  createEffect(() => report({ type: 'setAwayAfter', minutes: awayAfterMinutes() }))
}
