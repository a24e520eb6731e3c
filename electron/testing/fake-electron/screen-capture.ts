// Electron's desktopCapturer and screen: the screens and windows a call can share.
import type { DesktopCapturerSourceLike, ElectronApi } from '../../main/electron-api'

export function fakeScreenCapture() {
  /** What desktopCapturer lists, and the primary display's id; tests change them. */
  const screens = { sources: [] as DesktopCapturerSourceLike[], primaryDisplayId: 1, failure: null as Error | null }
  const api: Pick<ElectronApi, 'desktopCapturer' | 'screen'> = {
    desktopCapturer: {
      getSources: async () => {
        if (screens.failure) throw screens.failure
        return screens.sources
      },
    },
    screen: { getPrimaryDisplay: () => ({ id: screens.primaryDisplayId }) },
  }
  return { api, controls: { screens } }
}
