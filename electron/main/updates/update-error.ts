/** A one-line reason for the office; electron-updater's own messages carry URLs, headers and hashes (they go to the log). */
export function describeUpdateError(error: unknown): string {
  const { code, statusCode, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; statusCode?: unknown; message?: unknown }
  if (code === 'ERR_CHECKSUM_MISMATCH') return 'the download did not match its sha512 checksum and was discarded'
  if (typeof statusCode === 'number') return `the update server answered ${statusCode}`
  if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/.test(code)) return `the update server could not be reached (${code})`
  const firstLine = (typeof message === 'string' ? message : String(error)).split('\n')[0] ?? ''
  return firstLine.slice(0, 200)
}
