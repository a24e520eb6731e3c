/** Messages by one author within this long of the previous one share its header. */
export const GROUP_WITHIN_MS = 5 * 60_000

/** Whether a message starts a new group (shows its author and time) after `previous`. */
export function startsGroup(previous: { author: string; at: number } | undefined, message: { author: string; at: number }): boolean {
  return !previous || previous.author !== message.author || message.at - previous.at > GROUP_WITHIN_MS || message.at < previous.at
}
