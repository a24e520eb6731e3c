import { linkPreviewSchema, type LinkPreview } from '../model/discussion'

/** Asks the sync server's isolated unfurl service for a link preview; null if it has none. */
export async function fetchUnfurl(serverUrl: string, token: string, url: string): Promise<LinkPreview | null> {
  const endpoint = `${serverUrl.replace(/\/+$/, '')}/api/unfurl?url=${encodeURIComponent(url)}`
  const response = await fetch(endpoint, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) })
  if (!response.ok) return null
  const body = (await response.json()) as Record<string, unknown>
  const parsed = linkPreviewSchema.safeParse({
    url: body.url,
    title: body.title ?? '',
    description: body.description ?? '',
    image: body.image ?? null,
    site: body.siteName ?? '',
  })
  return parsed.success ? parsed.data : null
}
