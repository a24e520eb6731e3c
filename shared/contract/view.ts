import { z } from 'zod'
import { doorStateSchema, roomKindSchema } from '../model/schema'

export const connectionStateSchema = z.enum(['connecting', 'online', 'offline', 'denied'])
export type ConnectionState = z.infer<typeof connectionStateSchema>

export const roomViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: roomKindSchema,
  door: doorStateSchema,
  capacity: z.number(),
  order: z.number(),
  /** Online members in the room, sorted by id. */
  occupants: z.array(z.string()),
})
export type RoomView = z.infer<typeof roomViewSchema>

export const memberViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  avatar: z.string(),
  online: z.boolean(),
  room: z.string().nullable(),
  mic: z.boolean(),
})
export type MemberView = z.infer<typeof memberViewSchema>

export const officeViewSchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  me: z.object({ userId: z.string(), room: z.string().nullable(), mic: z.boolean() }),
  connection: z.object({ state: connectionStateSchema, detail: z.string().nullable() }),
  rooms: z.record(z.string(), roomViewSchema),
  members: z.record(z.string(), memberViewSchema),
})
export type OfficeView = z.infer<typeof officeViewSchema>

const pathSchema = z.array(z.string()).min(1).max(8)
export const patchOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set'), path: pathSchema, value: z.unknown() }),
  z.object({ op: z.literal('del'), path: pathSchema }),
])
export type PatchOp = z.infer<typeof patchOpSchema>
