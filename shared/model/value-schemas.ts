import { z } from 'zod'
import { DOOR_STATES, ID_PATTERN, ROLES, ROOM_KINDS } from './schema'

// The zod schemas of schema.ts's ids and closed sets, for the core, the server and the write rules.

export const idSchema = z.string().regex(ID_PATTERN)
export const roleSchema = z.enum(ROLES)
export const roomKindSchema = z.enum(ROOM_KINDS)
export const doorStateSchema = z.enum(DOOR_STATES)
