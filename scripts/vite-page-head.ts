import { relative, sep } from 'node:path'
import type { Plugin } from 'vite'

const opening = ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'"]
const closing = ["object-src 'none'", "base-uri 'none'", "form-action 'none'"]
const policy = (...own: string[]) => [...opening, ...own, ...closing].join('; ')

/**
 * The Content-Security-Policy <meta> of each page, by its path in the repo. The desktop app's
 * app:// protocol sends stricter headers as well (electron/main/app-protocol.ts) and a page obeys
 * both; the meta is what holds under the Vite dev server, which sends none. The web page's policy
 * names the sync and LiveKit servers it talks to, known only where it is served
 * (scripts/serve-web.ts), so it carries none here.
 */
export const PAGE_POLICIES: Readonly<Record<string, string | null>> = {
  'renderer/office/index.html': policy("img-src 'self' data: https:"),
  // connect-src is wide on purpose: the server and LiveKit addresses are runtime configuration.
  'renderer/media/host/index.html': policy("connect-src 'self' http: https: ws: wss:", "media-src 'self' blob:"),
  'renderer/web/index.html': null,
}

/** The start of every page's <head>: its character set, its policy (before anything it governs) and its viewport. */
export function withPageHead(html: string, policy: string | null): string {
  if (policy?.includes('"')) throw new Error(`a Content-Security-Policy cannot hold a double quote: ${policy}`)
  const head = /<head>\n?/.exec(html)
  if (!head) throw new Error('the page has no <head> to put its character set and policy in')
  const tags = [
    '<meta charset="UTF-8" />',
    // The directive silences electronegativity's one finding on this policy, script-src 'self'
    // ("'self' can be problematic if you host JSONP or user uploads"): app://hallway serves only
    // the built out/renderer files, refusing any path outside it (electron/main/app-protocol.ts).
    ...(policy ? [`<meta http-equiv="Content-Security-Policy" content="${policy}" /> <!-- eng-disable CSP_GLOBAL_CHECK -->`] : []),
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
  ]
  const at = head.index + head[0].length
  return html.slice(0, at) + tags.map((tag) => `    ${tag}\n`).join('') + html.slice(at)
}

/**
 * Gives each page its head from PAGE_POLICIES, at build and under the dev server; a page missing
 * from it fails the build. `repoRoot` comes from the config: Vite runs a bundled copy of this file.
 */
export function pageHead(repoRoot: string): Plugin {
  return {
    name: 'hallway-page-head',
    transformIndexHtml: {
      order: 'pre',
      handler(html, { filename }) {
        const page = relative(repoRoot, filename).split(sep).join('/')
        if (!Object.hasOwn(PAGE_POLICIES, page)) {
          throw new Error(`${page} is not in PAGE_POLICIES (scripts/vite-page-head.ts): add it with the Content-Security-Policy it needs`)
        }
        return withPageHead(html, PAGE_POLICIES[page]!)
      },
    },
  }
}
