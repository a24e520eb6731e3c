// What the unfurl route checks before any fetch, without the fetching code (safe-fetch.ts), which
// loads node's DNS, HTTPS and zlib modules: the server loads that only for its first link preview.

/** An unfurl that fails with an HTTP status and a short code for the JSON answer. */
export class UnfurlFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code)
  }
}

/** Only absolute http(s) URLs without credentials. */
export function parseTarget(text: string, base?: URL): URL {
  let url: URL
  try {
    url = new URL(text, base)
  } catch {
    throw new UnfurlFailure(400, 'bad-url', 'not a URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UnfurlFailure(400, 'bad-url', 'only http and https links unfurl')
  if (url.username || url.password) throw new UnfurlFailure(400, 'bad-url', 'links with credentials do not unfurl')
  return url
}
