import { z } from 'zod'
import { avatarSha256Schema } from './avatar-api-schemas'

// Schemas for what the bridge's calls answer (shared/contract/electron-bridge.ts), checked where they arrive.

/** Whether this OS lets Hallway start at login (macOS and Windows), and whether it does. */
export const startAtLoginSchema = z.object({ supported: z.boolean(), on: z.boolean() }).strict()
export type StartAtLogin = z.infer<typeof startAtLoginSchema>

/** What main tells the media host: where to ask for call tokens, and as whom. */
export const mediaConfigSchema = z.object({ serverUrl: z.url({ protocol: /^https?$/ }), token: z.string().min(1), teamId: z.string().min(1) }).strict()
export type MediaConfig = z.infer<typeof mediaConfigSchema>

/** Whose office the desktop app shows: the key of its saved view on this device (renderer/office/view-snapshot-store.ts). */
export const officeOwnerSchema = z.object({ serverUrl: z.url({ protocol: /^https?$/ }), teamId: z.string().min(1), userId: z.string().min(1) }).strict()
export type OfficeOwner = z.infer<typeof officeOwnerSchema>

/** What main answers an office's photo upload: the stored photo's sha256, or a sentence saying what to do next. */
export const avatarUploadAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), sha256: avatarSha256Schema }).strict(),
  z.object({ ok: z.literal(false), error: z.string().min(1).max(500) }).strict(),
])
export type AvatarUploadAnswer = z.infer<typeof avatarUploadAnswerSchema>
