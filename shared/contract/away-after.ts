// The bounds of a device's "away after" choice (commands.ts's setAwayAfter), apart from the command
// schemas: the page reads them while its first frame is drawn, before those schemas are built.

/** Idle this long, a member shows as away, unless their device chose otherwise (`setAwayAfter`). */
export const AWAY_AFTER_DEFAULT_MINUTES = 10
/** The longest "away after" a device may choose: a working day. */
export const AWAY_AFTER_MAX_MINUTES = 480
