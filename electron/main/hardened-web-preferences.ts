import type { BrowserWindowOptionsLike } from './electron-api'

type WebPreferences = BrowserWindowOptionsLike['webPreferences']

/** What a window may choose for its page; everything else is fixed by the hardening. */
export type PageOptions = Pick<WebPreferences, 'spellcheck' | 'backgroundThrottling'>

/**
 * The web preferences of every Hallway window. Its page runs in the OS sandbox, in a JavaScript
 * world apart from the preload's, with no Node and with the same-origin policy on: the preload's
 * bridge is the only way to main. The hardening is spread last, so no page option can undo it.
 */
export function hardenedWebPreferences(preload: string, page: PageOptions): WebPreferences {
  return { ...page, preload, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true }
}
