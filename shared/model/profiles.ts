import { z } from 'zod'
import { mapAt } from './doc-read'
import { ModelError } from './errors'
import { Limits } from './limits'
import { profileFieldsSchema } from './field-schemas'
import { isWritableStatusEmoji } from './status-emoji'
import type { TeamDoc } from './team-doc'

export const profilePatchSchema = profileFieldsSchema.partial().strict()
export type ProfilePatch = z.infer<typeof profilePatchSchema>

/** Writes only the given fields of an existing member. */
export function updateProfile(team: TeamDoc, userId: string, patch: ProfilePatch): void {
  const parsed = profilePatchSchema.parse(patch)
  const map = mapAt(team.members, userId)
  if (!map) throw new ModelError('Your profile is not in this team yet. Reconnect and try again.')
  team.doc.transact(() => {
    for (const [key, value] of Object.entries(parsed)) map.set(key, value)
  })
}

/** A status as stored: the emoji may be legacy free text or a symbol this version does not ship. */
const storedStatusSchema = z.object({
  text: z.string().trim().max(Limits.statusText),
  emoji: z.string().max(Limits.statusEmoji),
  /** Epoch ms after which the status no longer shows; null keeps it until cleared. */
  until: z.number().int().positive().nullable(),
  dnd: z.boolean(),
})
export type CustomStatus = z.infer<typeof storedStatusSchema>

/** A status as written now: its emoji is none or one of the shipped symbols (`emoji:coffee`). */
export const statusSchema = storedStatusSchema.extend({
  emoji: z.string().refine(isWritableStatusEmoji, 'Pick a status emoji from the list.'),
})

const emptyStatus: CustomStatus = { text: '', emoji: '', until: null, dnd: false }

/** Edits only the status fields that change, in the map the server created with the member. */
export function setStatus(team: TeamDoc, userId: string, status: CustomStatus): void {
  const parsed = statusSchema.parse(status)
  const map = mapAt(team.statuses, userId)
  if (!map) throw new ModelError('Your profile is not in this team yet. Reconnect and try again.')
  team.doc.transact(() => {
    // Only changed fields are written (an absent field reads as its default), so two devices
    // setting different parts of a status at once both keep their part.
    for (const [key, value] of Object.entries(parsed) as Array<[keyof CustomStatus, unknown]>) {
      const current = map.has(key) ? map.get(key) : emptyStatus[key]
      if (current !== value) map.set(key, value)
    }
  })
}

export function clearStatus(team: TeamDoc, userId: string): void {
  setStatus(team, userId, emptyStatus)
}

/** The status as it shows now: expired or empty statuses read as null. */
export function readStatus(team: TeamDoc, userId: string, now: number): CustomStatus | null {
  return statusAt(readStoredStatus(team, userId), now)
}

/** The status as stored, whatever the time; null when there is none or it does not fit the schema. */
export function readStoredStatus(team: TeamDoc, userId: string): CustomStatus | null {
  const map = mapAt(team.statuses, userId)
  if (!map) return null
  const parsed = storedStatusSchema.safeParse({ ...emptyStatus, ...Object.fromEntries(map.entries()) })
  return parsed.success ? parsed.data : null
}

/** A stored status as it shows at `now`: expired or empty reads as null. */
export function statusAt(status: CustomStatus | null, now: number): CustomStatus | null {
  if (!status) return null
  if (status.until !== null && status.until <= now) return null
  if (!status.text && !status.emoji && !status.dnd) return null
  return status
}
