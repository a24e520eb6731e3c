import { z } from 'zod'
import { inviteAcceptRequestSchema } from './auth-api'

export const DEEP_LINK_SCHEME = 'hallway'
/** Longer than any real link (a server URL and a 128-character invite); the OS hands us anything. */
export const DEEP_LINK_MAX_LENGTH = 2048

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)
const serverUrl = z
  .url({ protocol: /^https?$/ })
  // An address the url check already refused is not this refinement's to report again.
  .refine((value) => {
    if (!URL.canParse(value)) return true
    const url = new URL(value)
    return url.username === '' && url.password === '' && url.hash === ''
  }, 'a server address carries no credentials or fragment')

/** What a `hallway://` link may ask, once parsed: join a team by invite, or walk into a room. */
export const deepLinkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('join'), serverUrl, inviteCode: inviteAcceptRequestSchema.shape.code }).strict(),
  z.object({ kind: z.literal('room'), teamId: id, roomId: id }).strict(),
])
export type DeepLink = z.infer<typeof deepLinkSchema>

export type DeepLinkResult = { ok: true; link: DeepLink } | { ok: false; problem: string }

/**
 * Reads `hallway://join?server=URL&invite=CODE` or `hallway://room/<teamId>/<roomId>` and nothing
 * else: any other scheme, host, path part, parameter, credential or fragment is refused.
 */
export function parseDeepLink(raw: unknown): DeepLinkResult {
  if (typeof raw !== 'string') return refuse('not text')
  if (raw.length > DEEP_LINK_MAX_LENGTH) return refuse(`longer than ${DEEP_LINK_MAX_LENGTH} characters`)
  // Links we write are percent-encoded ASCII; URL parsing would silently strip tabs and newlines.
  if (/[^\x21-\x7e]/.test(raw)) return refuse('contains spaces, control or non-ASCII characters')
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return refuse('not a URL')
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return refuse(`not a ${DEEP_LINK_SCHEME}:// link`)
  if (url.username || url.password || url.port || url.hash) return refuse('carries credentials, a port or a fragment')
  const fields = linkFields(url)
  if (typeof fields === 'string') return refuse(fields)
  const parsed = deepLinkSchema.safeParse(fields)
  if (!parsed.success) return refuse(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'link'}: ${issue.message}`).join('; '))
  return { ok: true, link: parsed.data }
}

/** The link's fields for the schema to check, or why its shape is wrong. */
function linkFields(url: URL): Record<string, unknown> | string {
  if (url.host === 'join') {
    if (url.pathname !== '') return 'a join link has no path'
    const keys = [...url.searchParams.keys()].sort()
    if (keys.join('&') !== 'invite&server') return 'a join link has exactly one server and one invite parameter'
    return { kind: 'join', serverUrl: url.searchParams.get('server'), inviteCode: url.searchParams.get('invite') }
  }
  if (url.host === 'room') {
    if (url.search !== '') return 'a room link has no parameters'
    const parts = url.pathname.split('/')
    if (parts.length !== 3 || parts[0] !== '') return 'a room link is room/<teamId>/<roomId>'
    return { kind: 'room', teamId: parts[1], roomId: parts[2] }
  }
  return 'it neither joins a team nor opens a room'
}

const refuse = (why: string): DeepLinkResult => ({ ok: false, problem: `not a Hallway link (${why})` })
