import type { ElectronApi, WebContentsLike } from './electron-api'
import { isAllowedExternalUrl } from './external-links'

/**
 * Every page stays where main loaded it: navigation and window.open are denied, and an allowed
 * external link opens in the system browser instead. Installed for every web contents created.
 */
export function guardWebContents(contents: WebContentsLike, shell: ElectronApi['shell'], log: (message: string) => void): void {
  const openOutside = (url: string) => {
    if (!isAllowedExternalUrl(url)) {
      log(`main: refused to open ${url}`)
      return
    }
    // eng-disable below: the URL passed isAllowedExternalUrl just above (external-links.ts: https and mailto only, no credentials).
    shell.openExternal(url).catch((error: unknown) => log(`main: could not open ${url}: ${String(error)}`)) // eng-disable OPEN_EXTERNAL_JS_CHECK
  }
  contents.on('will-navigate', (event) => {
    event.preventDefault()
    openOutside(event.url)
  })
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url)
    return { action: 'deny' }
  })
}

export function guardAllWebContents(electron: Pick<ElectronApi, 'app' | 'shell'>, log: (message: string) => void): void {
  electron.app.on('web-contents-created', (_event, contents) => guardWebContents(contents, electron.shell, log))
}
