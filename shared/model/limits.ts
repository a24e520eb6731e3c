/** Size limits the model enforces before anything reaches the document or the wire. */
export const Limits = {
  roomName: 60,
  floorName: 40,
  roomCapacity: 500,
  /** People recorded inside a room when it is locked. */
  roomInsiders: 1000,
  memberName: 80,
  memberTitle: 80,
  timezone: 64,
  statusText: 100,
  statusEmoji: 16,
  messageText: 4000,
  previewField: 300,
  /** Members one message may mention. */
  messageMentions: 20,
  /** Mentions a room's discussion summary remembers (the newest). */
  recentMentions: 50,
  /** Bytes of any single value the model writes; far under the server's message cap. */
  valueBytes: 16 * 1024,
} as const
