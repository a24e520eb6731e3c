// Apart from auth-api.ts's schemas: the web page checks an invite link's code before its first frame, without zod.

/** An invite code as an admin hands it out: 16 to 128 URL-safe characters. */
export const INVITE_CODE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/
