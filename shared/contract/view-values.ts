// The office view's closed sets of values as plain lists, without zod: the page's check of its saved
// office (office-view-check.ts) reads them before the first frame, and importing view.ts for them
// built every view and command schema there too (~10 ms of the reload's script, s10 profile).
// view.ts and call-activity.ts build their enums from these.

export const CONNECTION_STATES = ['connecting', 'online', 'offline', 'denied'] as const
/** A discussion message of mine: on the server, on its way, or waiting for the connection. */
export const DELIVERIES = ['sent', 'sending', 'offline'] as const
/** What the last answer to my knock or invitation was (view.ts's me.lastAnswer.kind). */
export const ANSWER_KINDS = ['knock', 'pull', 'expired', 'pullExpired', 'locked'] as const
/** LiveKit's ConnectionQuality values, as plain data. */
export const LINK_QUALITIES = ['excellent', 'good', 'poor', 'lost', 'unknown'] as const
