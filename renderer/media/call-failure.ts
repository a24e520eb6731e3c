// What a failed call says in the call bar: the reason, then what the member can do about it.
// Reasons come from call-token.ts (the token request), call.ts (LiveKit's disconnect) or a thrown
// join error; the advice is picked from the reason's words, since they arrive as plain text.

export interface CallFailureText {
  reason: string
  next: string
}

const RETRY = 'Check your connection, then press Retry.'

const advice: ReadonlyArray<[RegExp, string]> = [
  // The reason already says what to do.
  [/sign in again/i, ''],
  [/removed from the call/i, 'Press Retry to join again, or ask the person who removed you.'],
  [/call ended/i, 'Press Retry to start it again.'],
  [/could not reach|connection|network|signal|timed? ?out/i, RETRY],
]

export function callFailureText(failure: string | null): CallFailureText {
  const reason = failure?.trim() || 'The call stopped.'
  const next = advice.find(([pattern]) => pattern.test(reason))?.[1] ?? 'Press Retry; if it fails again, leave the room and join it again.'
  return { reason: /[.!?]$/.test(reason) ? reason : `${reason}.`, next }
}
