import { DEEP_LINK_SCHEME, parseDeepLink, type DeepLink } from '../../shared/contract/deep-link'
import type { ElectronApi } from './electron-api'

export interface DeepLinkReceiver {
  /** Takes the link among a launch's arguments (Windows and Linux pass it as one), if any. */
  fromArgv(argv: readonly string[]): void
}

const linkArgument = new RegExp(`^${DEEP_LINK_SCHEME}:`, 'i')

/**
 * Makes Hallway the OS's handler for hallway:// links and hands each valid one to `deliver`.
 * macOS sends links as 'open-url'; Windows and Linux start a second instance with the link in its
 * argv, which main forwards here. A link that fails validation is logged and dropped.
 */
export function receiveDeepLinks(
  electron: ElectronApi,
  options: { deliver(link: DeepLink): void; log(message: string): void },
): DeepLinkReceiver {
  const { app } = electron
  // eng-disable below: every link is validated by parseDeepLink (shared/contract/deep-link.ts) in `take` before anything acts on it.
  if (!app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)) options.log(`main: could not register as the ${DEEP_LINK_SCHEME}:// handler`) // eng-disable PROTOCOL_HANDLER_JS_CHECK
  const take = (raw: string) => {
    const parsed = parseDeepLink(raw)
    if (!parsed.ok) return options.log(`main: dropped a link: ${parsed.problem}`)
    options.deliver(parsed.link)
  }
  app.on('open-url', (event, url) => {
    event.preventDefault()
    take(url)
  })
  return {
    fromArgv(argv) {
      const raw = argv.find((arg) => linkArgument.test(arg))
      if (raw !== undefined) take(raw)
    },
  }
}
