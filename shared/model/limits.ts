/** Size limits the model enforces before anything reaches the document or the wire. */
export const Limits = {
  roomName: 60,
  roomCapacity: 500,
  memberName: 80,
  memberTitle: 80,
  timezone: 64,
  statusText: 100,
  statusEmoji: 16,
  messageText: 4000,
  previewField: 300,
  /** Member, room and message ids (the sync server's document-name rule). */
  idLength: 64,
  /** Bytes of any single value the model writes; far under the server's message cap. */
  valueBytes: 16 * 1024,
} as const
