// Screen share in Electron: getDisplayMedia has no browser picker here, so main answers it. Only
// the live media host's own top frame gets a capture, and only of the primary screen (no audio);
// everyone else, and the media host once the call is over, is refused.
import type { DesktopCapturerSourceLike, ElectronApi, SessionLike, WebContentsLike } from './electron-api'

/** The primary display's screen; where the platform names no display (Wayland), the first screen. */
export function primaryScreen(sources: readonly DesktopCapturerSourceLike[], primaryDisplayId: number): DesktopCapturerSourceLike | null {
  return sources.find((source) => source.display_id === String(primaryDisplayId)) ?? sources[0] ?? null
}

export function answerScreenShare(
  electron: Pick<ElectronApi, 'desktopCapturer' | 'screen' | 'webContents'>,
  session: SessionLike,
  options: { isMediaHost(contents: unknown): contents is WebContentsLike; log(message: string): void },
): void {
  session.setDisplayMediaRequestHandler((request, callback) => {
    const frame = request.frame
    // A subframe would be granted a capture of the page around it (Electron's docs): top frames only.
    const contents = frame && frame.parent === null ? electron.webContents.fromFrame(frame) : undefined
    if (!request.videoRequested || !options.isMediaHost(contents)) {
      options.log(`main: refused a screen share request from ${frame?.url ?? 'a closed frame'}`)
      return callback(null)
    }
    electron.desktopCapturer
      .getSources({ types: ['screen'], thumbnailSize: { width: 0, height: 0 } })
      .then((sources) => {
        const source = primaryScreen(sources, electron.screen.getPrimaryDisplay().id)
        if (!source) options.log('main: no screen to share (desktopCapturer listed none)')
        // The call may have ended while the sources were listed.
        callback(source && options.isMediaHost(contents) ? { video: source } : null)
      })
      .catch((error: unknown) => {
        options.log(`main: could not list screens to share: ${String(error)}`)
        callback(null)
      })
  })
}
