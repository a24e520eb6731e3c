import { z } from 'zod'
import type { AvatarUploadResponse } from './avatar-api'

// The zod schemas of avatar-api.ts's answers, apart from its constants: the office page reads those before
// its first frame, and these only when a photo is uploaded.

/** A photo's name: the lowercase hex sha256 of its bytes. */
export const avatarSha256Schema = z.string().regex(/^[0-9a-f]{64}$/)

/** What POST /api/avatars answers: the bytes' sha256 and the profile value that shows them. */
export const avatarUploadResponseSchema: z.ZodType<AvatarUploadResponse> = z
  .object({
    sha256: avatarSha256Schema,
    avatar: z.string().regex(/^photo:[0-9a-f]{64}$/),
  })
  .strict()
