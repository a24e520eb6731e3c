import { z } from 'zod'
import { doorStateSchema, roomKindSchema } from '../model/value-schemas'
import { callMarksSchema } from './call-activity'
import { ANSWER_KINDS, CONNECTION_STATES, DELIVERIES } from './view-values'

export const connectionStateSchema = z.enum(CONNECTION_STATES)
export type ConnectionState = z.infer<typeof connectionStateSchema>

export const roomViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: roomKindSchema,
  door: doorStateSchema,
  capacity: z.number(),
  order: z.number(),
  /** The floor (area) the room is on: rooms are grouped into floors the view switches between. */
  floor: z.string(),
  /** Online members in the room, sorted by id. */
  occupants: z.array(z.string()),
  /** Pending knocks on this room's door: shown to its occupants (not while they are on do-not-disturb). */
  knocks: z.array(z.object({ user: z.string(), at: z.number() })),
  /** Messages in the room's discussion I have not seen (on any of my devices). */
  unread: z.number(),
})
export type RoomView = z.infer<typeof roomViewSchema>

export const memberViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  avatar: z.string(),
  online: z.boolean(),
  room: z.string().nullable(),
  mic: z.boolean(),
  cam: z.boolean(),
  screen: z.boolean(),
  idle: z.boolean(),
  title: z.string(),
  timezone: z.string(),
  status: z.object({ text: z.string(), emoji: z.string(), dnd: z.boolean(), until: z.number().nullable() }).nullable(),
})
export type MemberView = z.infer<typeof memberViewSchema>

/** Whether the server has a message written on this device. */
export const deliverySchema = z.enum(DELIVERIES)
export type Delivery = z.infer<typeof deliverySchema>

export const officeViewSchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  me: z.object({
    userId: z.string(),
    room: z.string().nullable(),
    mic: z.boolean(),
    cam: z.boolean(),
    screen: z.boolean(),
    /** This device holds my call; false while another of my devices has it. */
    holdsMedia: z.boolean(),
    /** I may create, edit, move and delete rooms (my role, and the team's setting): the view offers those only then. */
    managesRooms: z.boolean(),
    /** Where my call is when another of my devices holds it ("move here" offers to claim it). */
    callElsewhere: z.string().nullable(),
    knock: z.object({ room: z.string(), at: z.number() }).nullable(),
    /** My invitation into my room, until it is answered, cancelled or expires (one at a time: a new one replaces it). */
    pull: z.object({ to: z.string(), room: z.string(), at: z.number() }).nullable(),
    /** Invitations into other people's rooms, newest last. */
    pulls: z.array(z.object({ from: z.string(), room: z.string(), at: z.number() })),
    /** Mentions of me in discussions I have not read since, oldest first. */
    mentions: z.array(z.object({ room: z.string(), by: z.string(), seq: z.number(), at: z.number() })),
    /** The last answer to my knock or pull, so the view can say "Ada let you in" or "declined". */
    lastAnswer: z
      .object({
        /** knock: someone answered my knock; pull: someone answered my invitation; expired: nobody answered my knock;
         *  pullExpired: nobody answered my invitation; locked: the door was locked as I walked in. */
        kind: z.enum(ANSWER_KINDS),
        by: z.string(),
        room: z.string(),
        admit: z.boolean(),
        at: z.number(),
      })
      .nullable(),
  }),
  connection: z.object({ state: connectionStateSchema, detail: z.string().nullable() }),
  rooms: z.record(z.string(), roomViewSchema),
  members: z.record(z.string(), memberViewSchema),
  /** Speaking and link quality of the members of the call this device holds, by member id; empty outside one. */
  callMarks: callMarksSchema,
  /** Discussions this view opened, by room id. */
  discussions: z.record(
    z.string(),
    z.object({
      messages: z.array(
        z.object({
          id: z.string(),
          author: z.string(),
          text: z.string(),
          at: z.number(),
          edited: z.number().nullable(),
          preview: z
            .object({ url: z.string(), title: z.string(), description: z.string(), image: z.string().nullable(), site: z.string() })
            .nullable(),
          /** Members the message mentions. */
          mentions: z.array(z.string()),
          /** Only my own messages are ever other than 'sent': 'offline' while this device cannot reach the server. */
          delivery: deliverySchema,
        }),
      ),
    }),
  ),
})
export type OfficeView = z.infer<typeof officeViewSchema>

const pathSchema = z.array(z.string()).min(1).max(8)
export const patchOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set'), path: pathSchema, value: z.unknown() }),
  z.object({ op: z.literal('del'), path: pathSchema }),
])
export type PatchOp = z.infer<typeof patchOpSchema>
