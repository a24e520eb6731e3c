/**
 * Links people share in discussions point anywhere on the web, so the allowlist is of schemes,
 * not hosts: https pages and mail only. That keeps file:, smb:, javascript: and the custom
 * protocol handlers of other installed apps away from shell.openExternal.
 */
const allowedProtocols = new Set(['https:', 'mailto:'])

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  return allowedProtocols.has(url.protocol) && url.username === '' && url.password === ''
}
