import { z } from 'zod'
import { Limits } from '../model/limits'
import { doorStateSchema, roomKindSchema } from '../model/value-schemas'
import { AWAY_AFTER_MAX_MINUTES } from './away-after'
import { callActivitySchema } from './call-activity'

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)
const text = (max: number) => z.string().max(max)

/** Commands a view (or host) sends to its core. Sizes are re-checked by the model. */
export const coreCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('enterRoom'), roomId: id }),
  z.object({ type: z.literal('leaveRoom') }),
  z.object({ type: z.literal('setMic'), on: z.boolean() }),
  z.object({ type: z.literal('setCam'), on: z.boolean() }),
  z.object({ type: z.literal('setScreen'), on: z.boolean() }),
  z.object({ type: z.literal('claimMedia') }),
  /** "Retry now" while offline: skip the reconnect backoff once. */
  z.object({ type: z.literal('reconnectNow') }),
  /** From the media host: who speaks in my call and how each link holds (avatars show it). */
  z.object({ type: z.literal('reportCall'), activity: callActivitySchema }),
  z.object({ type: z.literal('reportIdle'), idleMs: z.number().int().min(0).max(365 * 86_400_000) }),
  /** This device's "away after N minutes" setting: idle reports from then on are judged by it. */
  z.object({ type: z.literal('setAwayAfter'), minutes: z.number().int().min(1).max(AWAY_AFTER_MAX_MINUTES) }),
  z.object({
    type: z.literal('createRoom'),
    name: text(200),
    kind: roomKindSchema,
    capacity: z.number().int().min(0).max(10_000).optional(),
    floor: text(200).optional(),
  }),
  z.object({ type: z.literal('renameRoom'), roomId: id, name: text(200) }),
  z.object({ type: z.literal('setRoomFloor'), roomId: id, floor: text(200) }),
  /** Moves every room on floor `from` to `to`: a floor is named by its rooms. */
  z.object({ type: z.literal('renameFloor'), from: text(200), to: text(200) }),
  z.object({ type: z.literal('setDoor'), roomId: id, door: doorStateSchema }),
  z.object({ type: z.literal('setRoomKind'), roomId: id, kind: roomKindSchema }),
  z.object({ type: z.literal('setCapacity'), roomId: id, capacity: z.number().int().min(0).max(10_000) }),
  z.object({ type: z.literal('reorderRooms'), roomIds: z.array(id).max(500) }),
  z.object({ type: z.literal('deleteRoom'), roomId: id }),
  z.object({
    type: z.literal('updateProfile'),
    patch: z.object({ name: text(200), avatar: text(100), title: text(200), timezone: text(100) }).partial().strict(),
  }),
  z.object({
    type: z.literal('setStatus'),
    text: text(500),
    emoji: text(64),
    until: z.number().int().positive().nullable(),
    dnd: z.boolean(),
  }),
  z.object({ type: z.literal('clearStatus') }),
  z.object({ type: z.literal('knock'), roomId: id }),
  z.object({ type: z.literal('cancelKnock') }),
  z.object({ type: z.literal('answerKnock'), userId: id, admit: z.boolean() }),
  z.object({ type: z.literal('pull'), userId: id }),
  z.object({ type: z.literal('cancelPull') }),
  z.object({ type: z.literal('answerPull'), fromUserId: id, accept: z.boolean() }),
  z.object({ type: z.literal('openDiscussion'), roomId: id }),
  z.object({ type: z.literal('closeDiscussion'), roomId: id }),
  /** `mentions`: the members the text names with `@Name`, resolved by the composer as it was written. */
  z.object({ type: z.literal('postMessage'), roomId: id, text: text(20_000), mentions: z.array(id).max(Limits.messageMentions).optional() }),
  z.object({ type: z.literal('editMessage'), roomId: id, messageId: id, text: text(20_000) }),
  z.object({ type: z.literal('deleteMessage'), roomId: id, messageId: id }),
])
export type CoreCommand = z.infer<typeof coreCommandSchema>
export type CommandOf<T extends CoreCommand['type']> = Extract<CoreCommand, { type: T }>

export type CommandResult = { ok: true } | { ok: false; error: string }
