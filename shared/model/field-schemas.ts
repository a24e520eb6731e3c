import { z } from 'zod'
import { Limits } from './limits'
import { AVATAR_SPRITE_COUNT } from './schema'
import { doorStateSchema, roomKindSchema } from './value-schemas'

// The write schemas of a room's and a member's fields: the model's edits, the readers (team-doc.ts) and
// the write rules all check values against these.

export const avatarSchema = z
  .string()
  .regex(/^(sprite:\d+|photo:[0-9a-f]{64})$/, 'An avatar is a sprite or an uploaded photo (photo:<sha256>).')
  .refine((value) => !value.startsWith('sprite:') || Number(value.slice(7)) < AVATAR_SPRITE_COUNT, 'No such avatar sprite.')

/** The profile fields a member edits themselves (their role is not one: admins set it). */
export const profileFieldsSchema = z.object({
  name: z.string().trim().min(1).max(Limits.memberName),
  avatar: avatarSchema,
  title: z.string().trim().max(Limits.memberTitle),
  timezone: z.string().max(Limits.timezone),
})

export const roomNameSchema = z.string().trim().min(1, 'A room needs a name.').max(Limits.roomName, `Room names are at most ${Limits.roomName} characters.`)
export const roomFieldsSchema = z.object({
  name: roomNameSchema,
  kind: roomKindSchema,
  door: doorStateSchema,
  capacity: z.number().int().min(0).max(Limits.roomCapacity),
  order: z.number().finite(),
  floor: z.string().trim().min(1, 'A floor needs a name.').max(Limits.floorName, `Floor names are at most ${Limits.floorName} characters.`),
})
export const floorNameSchema = roomFieldsSchema.shape.floor

