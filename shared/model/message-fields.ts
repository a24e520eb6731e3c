import { z } from 'zod'
import { Limits } from './limits'
import { idSchema } from './value-schemas'

export const linkPreviewSchema = z.object({
  url: z.string().url().max(2048),
  title: z.string().max(Limits.previewField),
  description: z.string().max(Limits.previewField),
  image: z.string().max(2048).nullable(),
  site: z.string().max(Limits.previewField),
})
export type LinkPreview = z.infer<typeof linkPreviewSchema>

export const messageTextSchema = z
  .string()
  .trim()
  .min(1, 'Write something first.')
  .max(Limits.messageText, `Messages are at most ${Limits.messageText} characters.`)

/** The fields of one discussion message map, as stored. */
export const messageFieldsSchema = z.object({
  id: z.string().min(1).max(64),
  author: idSchema,
  text: messageTextSchema,
  at: z.number().int().nonnegative(),
  edited: z.number().int().nonnegative().nullable(),
  preview: linkPreviewSchema.nullable(),
  /** Members the text mentions (`@Name`, resolved when it was written); set at posting only. */
  mentions: z.array(idSchema).max(Limits.messageMentions),
})
